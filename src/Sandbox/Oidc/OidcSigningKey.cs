using System.Security.Cryptography;
using EpicZoom.Sandbox.Epic.Smart;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.Sandbox.Oidc;

/// <summary>The sandbox IdP's RS256 key: generated at start-up, never persisted, published at the JWKS endpoint.</summary>
internal sealed class OidcSigningKey : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);
    private readonly RsaSecurityKey key;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public OidcSigningKey()
    {
        KeyId = "oidc-" + Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16];
        key = new RsaSecurityKey(rsa) { KeyId = KeyId };
    }

    public string KeyId { get; }

    public string CreateToken(string issuer, string audience, IDictionary<string, object> claims, DateTimeOffset now, TimeSpan lifetime) =>
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

    /// <summary>Whether <paramref name="token"/> is an id_token this IdP signed for <paramref name="issuer"/> (expired ones count: it is a hint).</summary>
    public async Task<bool> SignedAsync(string token, string issuer)
    {
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKey = key,
        });
        return result.IsValid;
    }

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
