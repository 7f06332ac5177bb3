using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.Sandbox.Common;

internal sealed record JwksKey(string Kty, string Use, string Alg, string Kid, string N, string E);

internal sealed record JwksDocument(IReadOnlyList<JwksKey> Keys);

/// <summary>
/// An RS256 key a simulated server signs its tokens with: generated at start-up and never persisted, so clients must
/// fetch it from the server's JWKS endpoint, as they would from the real one. Each simulated server has its own.
/// </summary>
internal abstract class SandboxSigningKey : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);
    private readonly RsaSecurityKey key;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    protected SandboxSigningKey(string keyIdPrefix)
    {
        KeyId = keyIdPrefix + Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16];
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

    /// <summary>Whether <paramref name="token"/> is a token this key signed for <paramref name="issuer"/> (expired ones count: it is a hint).</summary>
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
