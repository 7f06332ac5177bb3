using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EpicZoom.Cluster.Tests;

/// <summary>The files a real installation has: nginx's TLS certificate and the key ring's key-encryption certificate.</summary>
internal static class TestCertificates
{
    /// <summary>
    /// A self-signed server certificate for 127.0.0.1 as PEM files for nginx. The instances trust it through
    /// SSL_CERT_FILE (the sandbox simulators call EpicZoom's public https address, e.g. for its JWKS).
    /// </summary>
    public static (string CertificatePem, string KeyPem) WriteTls(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        var certificatePem = Path.Combine(folder, "tls.crt");
        var keyPem = Path.Combine(folder, "tls.key");
        File.WriteAllText(certificatePem, certificate.ExportCertificatePem());
        File.WriteAllText(keyPem, key.ExportPkcs8PrivateKeyPem());
        return (certificatePem, keyPem);
    }

    /// <summary>The PKCS#12 file every instance names in DataProtection:KeyEncryptionCertificate (docs/key-ring.md).</summary>
    public static string WriteKeyEncryption(string folder, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=EpicZoom cluster key ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, "key-encryption.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}
