using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.TestSupport;

/// <summary>The SMART client's key pairs (RSA and P-384) and its published JWKS.</summary>
public sealed class TestKeys
{
    public const string RsaKeyId = "test-rsa";
    public const string EcKeyId = "test-ec";

    private static readonly Lazy<TestKeys> SharedKeys = new(() => new TestKeys());

    private readonly RSA rsa = RSA.Create(2048);
    private readonly ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    public TestKeys()
    {
        var rsaPublic = rsa.ExportParameters(false);
        var ecPublic = ec.ExportParameters(false);
        JwksJson = JsonSerializer.Serialize(new
        {
            keys = new object[]
            {
                new { kty = "RSA", kid = RsaKeyId, use = "sig", alg = "RS384", n = Base64UrlEncoder.Encode(rsaPublic.Modulus), e = Base64UrlEncoder.Encode(rsaPublic.Exponent) },
                new { kty = "EC", kid = EcKeyId, use = "sig", alg = "ES384", crv = "P-384", x = Base64UrlEncoder.Encode(ecPublic.Q.X), y = Base64UrlEncoder.Encode(ecPublic.Q.Y) },
            },
        });
    }

    /// <summary>One key set for the whole run: RSA key generation is the slowest part of starting a host.</summary>
    public static TestKeys Shared => SharedKeys.Value;

    public string JwksJson { get; }

    /// <summary>A private_key_jwt client assertion; defaults are what Epic accepts.</summary>
    public string ClientAssertion(
        string clientId,
        string audience,
        string algorithm = SecurityAlgorithms.RsaSha384,
        DateTimeOffset? expires = null,
        string? jti = null)
    {
        var now = DateTimeOffset.UtcNow;
        var exp = expires ?? now.AddMinutes(4);
        SecurityKey key = algorithm == SecurityAlgorithms.EcdsaSha384
            ? new ECDsaSecurityKey(ec) { KeyId = EcKeyId }
            : new RsaSecurityKey(rsa) { KeyId = RsaKeyId };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            IssuedAt = exp.AddMinutes(-4).UtcDateTime,
            Expires = exp.UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = jti ?? Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }
}
