using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using EpicZoom.Infrastructure;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.TestSupport.Persistence;

/// <summary>Key rings as earlier EpicZoom versions left them, and EpicZoom instances started on them.</summary>
public static class KeyRings
{
    /// <summary>The purpose DataProtectionSecretProtector protects tenant secrets with.</summary>
    public const string TenantSecretsPurpose = "EpicZoom.TenantSecrets.v1";

    /// <summary>
    /// Protects a secret exactly as EpicZoom did up to 2026-12-01: the key ring in {dataPath}/keys as plain XML files,
    /// with no key encryption.
    /// </summary>
    public static string ProtectWithThePlainFileKeyRing(string dataPath, string secret)
    {
        using var services = new ServiceCollection()
            .AddDataProtection()
            .SetApplicationName("EpicZoom")
            .PersistKeysToFileSystem(new DirectoryInfo(KeysFolder(dataPath)))
            .Services.BuildServiceProvider();
        return services.GetDataProtector(TenantSecretsPurpose).Protect(secret);
    }

    public static string KeysFolder(string dataPath) => Path.Combine(dataPath, "keys");

    /// <summary>The master keys a key ring folder holds in plain XML (a masterKey's value); none once it is encrypted.</summary>
    public static IReadOnlyList<string> PlainMasterKeys(string dataPath) => KeyFiles(dataPath)
        .Select(XElement.Load)
        .SelectMany(key => key.Descendants("masterKey"))
        .Select(masterKey => masterKey.Element("value")?.Value)
        .OfType<string>()
        .ToList();

    public static IReadOnlyList<string> KeyFiles(string dataPath) =>
        Directory.Exists(KeysFolder(dataPath)) ? Directory.GetFiles(KeysFolder(dataPath), "*.xml") : [];

    /// <summary>A PKCS#12 file with a self-signed RSA certificate and its private key, as DataProtection:KeyEncryptionCertificate.</summary>
    public static X509Certificate2 WriteCertificate(string path, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=EpicZoom test key encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return certificate;
    }

    /// <summary>EpicZoom's infrastructure on a data folder and settings, its database migrated, as the app starts it.</summary>
    public static async Task<ServiceProvider> StartAsync(string dataPath, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["App:DataPath"] = dataPath };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection().AddLogging().AddInfrastructure(configuration, dataPath).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return services;
    }
}
