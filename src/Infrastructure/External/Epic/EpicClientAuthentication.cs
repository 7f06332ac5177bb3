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
    public static string CreateAssertion(EpicClient client, string tokenUrl, DateTimeOffset now)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(client.PrivateKeyPem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new EpicOAuthException("invalid_client", "The tenant's private key for Epic cannot be read.");
        }

        var key = new RsaSecurityKey(rsa)
        {
            KeyId = client.KeyId,

            // The RSA object is disposed below; a cached signature provider would outlive it.
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
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
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha384),
        });
    }
}
