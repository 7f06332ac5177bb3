using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Launch;

/// <summary>
/// The server side of one SMART EHR launch between /epicfhir/{type} and /epicfhir/callback, keyed by the hash of
/// the OAuth state. Held in the database, not a cookie: Hyperspace's embedded browser may drop cookies and run
/// several launches at once. Consumed exactly once (an atomic update), within its lifetime.
/// </summary>
public sealed class LaunchSession
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private LaunchSession()
    {
        StateHash = "";
        CodeVerifierProtected = "";
        QueryContextProtected = "";
    }

    public Guid Id { get; private set; }
    public string StateHash { get; private set; }
    public TenantId TenantId { get; private set; }
    public LaunchType LaunchType { get; private set; }
    public string CodeVerifierProtected { get; private set; }

    /// <summary>FDI context sent on the query string (names may be in it, so it is encrypted).</summary>
    public string QueryContextProtected { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? ConsumedAtUtc { get; private set; }

    public static LaunchSession Begin(string stateHash, TenantId tenantId, LaunchType type, string codeVerifierProtected,
        string queryContextProtected, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(),
        StateHash = stateHash,
        TenantId = tenantId,
        LaunchType = type,
        CodeVerifierProtected = codeVerifierProtected,
        QueryContextProtected = queryContextProtected,
        CreatedAtUtc = nowUtc,
        ExpiresAtUtc = nowUtc + Lifetime,
    };
}
