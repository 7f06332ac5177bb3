using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.Sandbox.Epic.Smart;

internal sealed record JwksKey(string Kty, string Use, string Alg, string Kid, string N, string E);

internal sealed record JwksDocument(IReadOnlyList<JwksKey> Keys);

/// <summary>
/// The key Epic signs id_tokens with. Generated at start-up and never persisted: clients must
/// fetch it from the JWKS endpoint, as they would from Epic.
/// </summary>
internal sealed class EpicSigningKey : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);
    private readonly RsaSecurityKey key;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public EpicSigningKey()
    {
        KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16];
        key = new RsaSecurityKey(rsa) { KeyId = KeyId };
    }

    public string KeyId { get; }

    public string CreateIdToken(string issuer, string audience, IDictionary<string, object> claims, DateTimeOffset now, TimeSpan lifetime) =>
        handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

    public JwksDocument PublicJwks()
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new JwksDocument(
        [
            new JwksKey("RSA", "sig", SecurityAlgorithms.RsaSha256, KeyId, Base64UrlEncoder.Encode(parameters.Modulus), Base64UrlEncoder.Encode(parameters.Exponent)),
        ]);
    }

    public void Dispose() => rsa.Dispose();
}
