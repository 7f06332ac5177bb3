namespace EpicZoom.Application.Launch.Common;

/// <summary>
/// The FDI CONTEXT of one launch, named as in the seed's CONTEXT strings. Epic returns these pairs as extra fields of
/// the token response; plain links and older records put them on the query string. The token response wins.
/// </summary>
public sealed class LaunchContext
{
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
    {
        "epicSessionId", "firstName", "lastName", "epicUserId", "epicProviderId", "encounterProviderId",
        "useProviderZoomAccount", "noRedirect", "roomName", "roomDisplay",
    };

    public const int MaxValueLength = 256;

    private readonly Dictionary<string, string> values;

    public LaunchContext(IReadOnlyDictionary<string, string> values)
    {
        this.values = values.Where(kv => Keys.Contains(kv.Key) && !string.IsNullOrWhiteSpace(kv.Value))
            .ToDictionary(kv => kv.Key, kv => kv.Value.Trim(), StringComparer.Ordinal);
    }

    public static LaunchContext Merge(IReadOnlyDictionary<string, string> fromQuery, IReadOnlyDictionary<string, string> fromToken)
    {
        var merged = new Dictionary<string, string>(fromQuery, StringComparer.Ordinal);
        foreach (var (key, value) in fromToken) merged[key] = value;
        return new LaunchContext(merged);
    }

    public IReadOnlyDictionary<string, string> Values => values;

    public string? Csn => Get("epicSessionId");
    public string? FirstName => Get("firstName");
    public string? LastName => Get("lastName");
    public string? EpicUserId => Get("epicUserId");
    public string? EpicProviderId => Get("epicProviderId");
    public string? EncounterProviderId => Get("encounterProviderId");
    public bool UseProviderZoomAccount => Flag("useProviderZoomAccount");
    public bool NoRedirect => Flag("noRedirect");
    public string? RoomName => Get("roomName");
    public string? RoomDisplay => Get("roomDisplay");

    private string? Get(string key) => values.GetValueOrDefault(key);

    private bool Flag(string key) => string.Equals(Get(key), "true", StringComparison.OrdinalIgnoreCase) || Get(key) == "1";
}
