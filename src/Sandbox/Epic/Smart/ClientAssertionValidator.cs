using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.Sandbox.Epic.Smart;

/// <summary>
/// Checks a private_key_jwt client assertion the way Epic does: RS384/ES384 only, key found by
/// kid in the client's published JWKS, iss = sub = client_id, aud = token URL, exp at most five
/// minutes ahead, jti never seen before. Every failure is invalid_client.
/// </summary>
internal sealed partial class ClientAssertionValidator(
    EpicClientRegistry clients,
    SmartGrantStore grants,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<ClientAssertionValidator> logger)
{
    public const string JwksHttpClient = "EpicZoom.Sandbox.Jwks";

    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha384, SecurityAlgorithms.EcdsaSha384];
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    // Clients compute exp from whole seconds; a little slack keeps "now + 5 min" from tripping the limit.
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(10);

    /// <summary>How long a fetched JWKS is used for the key ids it holds.</summary>
    public static readonly TimeSpan JwksFreshFor = TimeSpan.FromMinutes(5);

    private const int MaxJwksCopies = 1000;

    private readonly JsonWebTokenHandler handler = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (IList<JsonWebKey> Keys, DateTimeOffset FetchedAt)> jwks =
        new(StringComparer.Ordinal);

    /// <summary>The client on success; otherwise why the assertion was refused.</summary>
    public async Task<(SandboxEpicClient? Client, string? Failure)> ValidateAsync(string assertion, SandboxUrls urls, CancellationToken cancellationToken)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(assertion);
        }
        catch (ArgumentException)
        {
            return (null, "client_assertion is not a well-formed JWT.");
        }

        var client = clients.Find(jwt.Issuer, urls);
        var now = time.GetUtcNow();
        var failure = CheckClaims(jwt, client, urls, now, out var expiresAt);
        if (failure is not null)
        {
            return (null, failure);
        }

        var (key, cached) = await FindKeyAsync(client!.JwksUrl!, jwt.Kid, now, fresh: false, cancellationToken);
        var valid = key is not null && await VerifiesAsync(assertion, key);
        if (!valid && cached)
        {
            // The key as fetched before does not verify it: the client may have replaced it under the same kid.
            (key, _) = await FindKeyAsync(client.JwksUrl!, jwt.Kid, now, fresh: true, cancellationToken);
            valid = key is not null && await VerifiesAsync(assertion, key);
        }

        if (key is null)
        {
            return (null, $"No key with kid '{jwt.Kid}' could be fetched from the client's JWKS URL.");
        }

        if (!valid)
        {
            return (null, "client_assertion signature does not verify with the client's key.");
        }

        // Only a verified assertion may claim its jti, so forged ones cannot burn a client's ids.
        return grants.TryRememberAssertionId(client.ClientId, jwt.Id, expiresAt, now)
            ? (client, null)
            : (null, "client_assertion jti was already used.");
    }

    private static string? CheckClaims(JsonWebToken jwt, SandboxEpicClient? client, SandboxUrls urls, DateTimeOffset now, out DateTimeOffset expiresAt)
    {
        expiresAt = default;
        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return $"client_assertion must be signed with RS384 or ES384, not '{jwt.Alg}'.";
        }

        if (client is null)
        {
            return "client_assertion iss is not a registered client_id.";
        }

        if (client.JwksUrl is null)
        {
            return "The client has no JWKS URL registered.";
        }

        if (jwt.Subject != jwt.Issuer)
        {
            return "client_assertion sub must equal iss (the client_id).";
        }

        if (!jwt.Audiences.Contains(urls.EpicTokenEndpoint, StringComparer.Ordinal))
        {
            return "client_assertion aud must be the token endpoint URL.";
        }

        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp))
        {
            return "client_assertion has no exp.";
        }

        expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (expiresAt <= now)
        {
            return "client_assertion has expired.";
        }

        if (expiresAt > now + MaxLifetime + ClockTolerance)
        {
            return "client_assertion exp must be at most 5 minutes in the future.";
        }

        if (jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf) > now + ClockTolerance)
        {
            return "client_assertion is not valid yet (nbf).";
        }

        return string.IsNullOrEmpty(jwt.Id) ? "client_assertion has no jti." : null;
    }

    private async Task<bool> VerifiesAsync(string assertion, JsonWebKey key) =>
        (await handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = AllowedAlgorithms,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidateIssuerSigningKey = false,
        })).IsValid;

    /// <summary>
    /// The key with <paramref name="kid"/> from the client's JWKS, and whether it came from the copy fetched before. A
    /// copy younger than <see cref="JwksFreshFor"/> that holds the kid is used without a fetch, as an authorization server
    /// does (fetching a vendor's JWKS for every token request made the JWKS endpoint a second request per launch); a kid
    /// not in it, an older copy, or <paramref name="fresh"/> fetches the set again, so a key published before it signs is
    /// found at once.
    /// </summary>
    private async Task<(JsonWebKey? Key, bool Cached)> FindKeyAsync(string jwksUrl, string kid, DateTimeOffset now, bool fresh, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(kid))
        {
            return (null, false);
        }

        if (!fresh && jwks.TryGetValue(jwksUrl, out var copy) && now - copy.FetchedAt < JwksFreshFor
            && copy.Keys.FirstOrDefault(k => k.Kid == kid) is { } known)
        {
            return (known, true);
        }

        try
        {
            using var response = await httpClients.CreateClient(JwksHttpClient).GetAsync(jwksUrl, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogJwksFetchFailed(jwksUrl, (int)response.StatusCode);
                return (null, false);
            }

            var keys = new JsonWebKeySet(await response.Content.ReadAsStringAsync(cancellationToken)).Keys;
            if (jwks.Count >= MaxJwksCopies)
            {
                jwks.Clear();
            }

            jwks[jwksUrl] = (keys, now);
            return (keys.FirstOrDefault(k => k.Kid == kid), false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or ArgumentException)
        {
            LogJwksFetchFailed(jwksUrl, 0);
            return (null, false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox Epic: could not fetch the client JWKS from {JwksUrl} (HTTP {StatusCode}).")]
    private partial void LogJwksFetchFailed(string jwksUrl, int statusCode);
}
