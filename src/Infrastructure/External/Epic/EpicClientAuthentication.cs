using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using EpicZoom.Application.Common.Interfaces.External;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.Infrastructure.External.Epic;

/// <summary>
/// How a tenant authenticates at Epic's token endpoint: private_key_jwt (RS384 client assertion) when it has a
/// key, else client_secret_basic. Epic supports no client_secret_post, so a secret never goes in the body.
/// </summary>
internal static class EpicClientAuthentication
{
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>Epic refuses assertions that expire more than five minutes ahead; four leaves room for clock skew.</summary>
    public static readonly TimeSpan AssertionLifetime = TimeSpan.FromMinutes(4);

    public static bool UsesPrivateKey(EpicClient client) =>
        !string.IsNullOrWhiteSpace(client.PrivateKeyPem) && !string.IsNullOrWhiteSpace(client.KeyId);

    /// <summary>
    /// Adds the client's credentials to a token request: the assertion to <paramref name="form"/> (no header, null), or
    /// the Authorization header value for a secret.
    /// </summary>
    public static string? Authorize(Dictionary<string, string> form, EpicClient client, string tokenUrl, DateTimeOffset now)
    {
        if (UsesPrivateKey(client))
        {
            form["client_id"] = client.ClientId;
            form["client_assertion_type"] = JwtBearerAssertionType;
            form["client_assertion"] = CreateAssertion(client, tokenUrl, now);
            return null;
        }

        if (!string.IsNullOrEmpty(client.ClientSecret))
        {
            // RFC 6749 §2.3.1: both halves form-urlencoded before base64.
            var credentials = $"{WebUtility.UrlEncode(client.ClientId)}:{WebUtility.UrlEncode(client.ClientSecret)}";
            return "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));
        }

        throw new EpicOAuthException("invalid_client", "The tenant has neither a private key nor a client secret for Epic.");
    }

    /// <summary>iss = sub = client_id, aud = the token URL, a 256-bit random jti, signed RS384 with the tenant's key (kid in the header).</summary>
    public static string CreateAssertion(EpicClient client, string tokenUrl, DateTimeOffset now) =>
        Tokens.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = client.ClientId,
            Audience = tokenUrl,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + AssertionLifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = client.ClientId,
                [JwtRegisteredClaimNames.Jti] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)),
            },
            SigningCredentials = new SigningCredentials(KeyOf(client), SecurityAlgorithms.RsaSha384),
        });

    private static readonly JsonWebTokenHandler Tokens = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>
    /// Tenants' keys as imported, by a hash of key id and PEM: importing a 2,048-bit private key checks it, which took
    /// 0.6 ms of CPU per token request — more than the signature (0.25 ms). A rotated key has another hash and is
    /// imported anew. Imported keys are never changed, so concurrent signatures may share one (OpenSSL signs with a
    /// shared key from many threads, as its TLS does).
    /// </summary>
    private static readonly ConcurrentDictionary<string, RsaSecurityKey> Keys = new(StringComparer.Ordinal);

    /// <summary>More than any deployment has tenants; past it the cache starts again (keys still in use stay valid).</summary>
    private const int MaxKeys = 256;

    private static RsaSecurityKey KeyOf(EpicClient client)
    {
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(client.KeyId + "\n" + client.PrivateKeyPem)));
        if (Keys.TryGetValue(id, out var known)) return known;

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(client.PrivateKeyPem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new EpicOAuthException("invalid_client", "The tenant's private key for Epic cannot be read.");
        }

        if (Keys.Count >= MaxKeys) Keys.Clear();
        return Keys.GetOrAdd(id, new RsaSecurityKey(rsa) { KeyId = client.KeyId });
    }
}
