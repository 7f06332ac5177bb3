namespace EpicZoom.Infrastructure.Security;

/// <summary>
/// A random 256-bit key for bulk encryption (envelope): stored only wrapped by the Data Protection key ring, so the
/// database alone cannot decrypt, and shared by every instance on the database. Never deleted while rows use it.
/// </summary>
internal sealed class DataKey
{
    public const int IdLength = 8;

    private DataKey()
    {
        Id = "";
        Purpose = "";
        WrappedKey = "";
    }

    public DataKey(string id, string purpose, string wrappedKey, DateTime createdAtUtc)
    {
        Id = id;
        Purpose = purpose;
        WrappedKey = wrappedKey;
        CreatedAtUtc = createdAtUtc;
    }

    public string Id { get; private set; }
    public string Purpose { get; private set; }
    public string WrappedKey { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
}
