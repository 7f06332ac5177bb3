using Microsoft.Extensions.Options;

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

/// <summary>A password alone names no certificate: say so instead of silently generating one.</summary>
public sealed class KeyRingOptionsValidator : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options) =>
        string.IsNullOrWhiteSpace(options.KeyEncryptionCertificate) && !string.IsNullOrEmpty(options.KeyEncryptionCertificatePassword)
            ? ValidateOptionsResult.Fail(
                $"{KeyRingOptions.Section}:KeyEncryptionCertificatePassword is set but {KeyRingOptions.Section}:KeyEncryptionCertificate is not: name the PKCS#12 file the password opens, or remove the password to use the certificate generated in the data folder.")
            : ValidateOptionsResult.Success;
}
