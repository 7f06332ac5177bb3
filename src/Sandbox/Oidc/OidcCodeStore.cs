using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Oidc;

/// <summary>An issued authorization code: who signed in, for which client and redirect_uri, with which PKCE challenge and nonce.</summary>
internal sealed record OidcCode(string ClientId, string RedirectUri, string CodeChallenge, string? Nonce, string Scope, OidcUser User, DateTimeOffset ExpiresAt);

/// <summary>Codes, each redeemable once (<see cref="BoundedStore{TKey,TValue}.TryTake"/>), and a log of end-session calls.</summary>
internal sealed class OidcCodeStore(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedStore<string, OidcCode> codes = new(options.Value.MaxStoredItems, StringComparer.Ordinal);
    private int endSessions;

    public Simulator Simulator => Simulator.Oidc;

    /// <summary>How many times end_session was called since the last reset (tests read it over _test/sessions).</summary>
    public int EndSessions => Volatile.Read(ref endSessions);

    public string Issue(OidcCode code)
    {
        var value = RandomIds.Token();
        codes.Set(value, code);
        return value;
    }

    public bool TryRedeem(string code, out OidcCode issued) => codes.TryTake(code, out issued!);

    public void RecordEndSession() => Interlocked.Increment(ref endSessions);

    public void Reset()
    {
        codes.Clear();
        Interlocked.Exchange(ref endSessions, 0);
    }
}
