using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Common.Interfaces;

/// <summary>A tenant's key pair for JWT client authentication to Epic: the public part and the private key as PEM.</summary>
public sealed record SigningKeyPair(SigningKey PublicPart, string PrivateKeyPem);

public interface ISigningKeyService
{
    SigningKeyPair Generate();

    /// <summary>Accepts only an RSA private key (PKCS#1 or PKCS#8 PEM) of at least 2048 bits.</summary>
    bool TryImport(string pem, out SigningKeyPair? pair, out string problem);
}
