using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.LaunchSimulator;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Epic.Smart;

internal sealed record AuthorizationCode(
    string ClientId,
    string RedirectUri,
    string CodeChallenge,
    string Scope,
    string? Nonce,
    LaunchContext Launch,
    DateTimeOffset ExpiresAt);

/// <summary>What an opaque access token stands for; <see cref="Launch"/> is null for backend tokens.</summary>
internal sealed record AccessTokenGrant(string ClientId, string Scope, LaunchContext? Launch, DateTimeOffset ExpiresAt);

/// <summary>Authorization codes, access tokens and the client-assertion ids already seen.</summary>
internal sealed class SmartGrantStore(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedStore<string, AuthorizationCode> codes = new(options.Value.MaxStoredItems, StringComparer.Ordinal);
    private readonly BoundedStore<string, AccessTokenGrant> tokens = new(options.Value.MaxStoredItems, StringComparer.Ordinal);
    private readonly BoundedStore<string, DateTimeOffset> assertionIds = new(options.Value.MaxStoredItems, StringComparer.Ordinal);

    public Simulator Simulator => Simulator.Epic;

    public string IssueCode(AuthorizationCode code)
    {
        var value = RandomIds.Token();
        codes.Set(value, code);
        return value;
    }

    /// <summary>Codes are single use: the first redemption removes it, whatever its outcome.</summary>
    public bool TryRedeemCode(string code, out AuthorizationCode grant) => codes.TryTake(code, out grant);

    public string IssueAccessToken(AccessTokenGrant grant)
    {
        var value = RandomIds.Token();
        tokens.Set(value, grant);
        return value;
    }

    public AccessTokenGrant? FindAccessToken(string token, DateTimeOffset now) =>
        tokens.TryGet(token, out var grant) && grant.ExpiresAt > now ? grant : null;

    /// <summary>
    /// Remembers a client assertion's jti until the assertion expires; false when it was seen
    /// before (a replay). Expired ids are pruned first, so the cap only bites on real volume: from the
    /// oldest on, so a token request costs the ids it prunes, not one look at every id remembered (that
    /// scan was a tenth of the CPU of a long launch benchmark). An id that expires before an older one
    /// is pruned after it: kept longer, never shorter.
    /// </summary>
    public bool TryRememberAssertionId(string clientId, string jti, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        assertionIds.RemoveOldestWhile(expiry => expiry <= now);
        return assertionIds.TryAdd(clientId + "\n" + jti, expiresAt);
    }

    public void Reset()
    {
        codes.Clear();
        tokens.Clear();
        assertionIds.Clear();
    }
}
