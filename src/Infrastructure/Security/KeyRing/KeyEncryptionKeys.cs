using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EpicZoom.Infrastructure.Security.KeyRing;

/// <summary>
/// The certificate that encrypts the key ring at rest (<see cref="Current"/>) and every certificate that may have
/// encrypted keys already in it (<see cref="ForDecryption"/>): an installation that moves from the generated
/// certificate to a configured one still reads the keys the generated one wrapped, as long as its file is kept.
/// </summary>
internal sealed class KeyEncryptionKeys : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly List<X509Certificate2> all = [];

    /// <summary>Loads them now (Data Protection takes certificates, not factories), generating the default one if missing.</summary>
    public KeyEncryptionKeys(KeyRingOptions options, AppPaths paths, TimeProvider time)
    {
        var configured = options.KeyEncryptionCertificate;
        var generatedFile = paths.GeneratedKeyEncryptionCertificate;
        if (string.IsNullOrWhiteSpace(configured))
        {
            (Current, GeneratedNow) = LoadOrGenerate(generatedFile, time);
            Source = "the certificate generated in the data folder";
        }
        else
        {
            Current = LoadConfigured(Path.Combine(paths.DataPath, configured), options.KeyEncryptionCertificatePassword);
            Source = $"the configured certificate {Current.Thumbprint}";
            if (File.Exists(generatedFile)) all.Add(Load(generatedFile, null));
        }
        all.Insert(0, Current);
    }

    /// <summary>Wraps every new key.</summary>
    public X509Certificate2 Current { get; }

    /// <summary>For the start-up log line: which certificate protects the key ring (never its secret).</summary>
    public string Source { get; }

    public IReadOnlyList<X509Certificate2> ForDecryption => all;

    /// <summary>True when this start created the generated certificate (it is then logged, once).</summary>
    public bool GeneratedNow { get; }

    public void Dispose()
    {
        foreach (var certificate in all) certificate.Dispose();
    }

    private static X509Certificate2 LoadConfigured(string path, string? password)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"DataProtection:KeyEncryptionCertificate: there is no file at {path}.");
        X509Certificate2 certificate;
        try
        {
            certificate = Load(path, password);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"DataProtection:KeyEncryptionCertificate: {path} is not a PKCS#12 file that DataProtection:KeyEncryptionCertificatePassword opens.", ex);
        }
        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"DataProtection:KeyEncryptionCertificate: {path} must hold an RSA certificate with its private key.");
        }
        return certificate;
    }

    /// <summary>
    /// Created once, readable by the service's user only. Two instances starting on one data folder race to create it:
    /// each writes its own temporary file and the first rename wins; the other loads the winner's.
    /// </summary>
    private static (X509Certificate2 Certificate, bool Generated) LoadOrGenerate(string path, TimeProvider time)
    {
        var generated = false;
        if (!File.Exists(path))
        {
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            try
            {
                WriteOwnerOnly(temporary, Generate(time));
                File.Move(temporary, path, overwrite: false);
                generated = true;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance created it first.
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        RestrictToOwner(path);
        return (Load(path, null), generated);
    }

    private static byte[] Generate(TimeProvider time)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=EpicZoom key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = time.GetUtcNow();
        // Data Protection ignores the validity period when unwrapping; it only has to outlive the keys it wraps.
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        return certificate.Export(X509ContentType.Pkcs12);
    }

    private static void WriteOwnerOnly(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) != OwnerOnly) File.SetUnixFileMode(path, OwnerOnly);
    }

    private static X509Certificate2 Load(string path, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.DefaultKeySet);
}
