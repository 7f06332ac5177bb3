namespace EpicZoom.Infrastructure.Security.KeyRing;

/// <summary>
/// Section "DataProtection". The key ring is encrypted at rest with an X.509 certificate (RSA, with its private key):
/// the one named here, or, when none is, one EpicZoom generates once in the data folder (key-encryption.pfx).
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx/.p12) file; absolute, or relative to the data folder.</summary>
    public string? KeyEncryptionCertificate { get; set; }

    public string? KeyEncryptionCertificatePassword { get; set; }
}
