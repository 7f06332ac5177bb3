using System.Security.Cryptography;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Application.Tests.Support;

/// <summary>The real (internal) RSA key service, reached through Infrastructure's composition, and test keys made once.</summary>
internal static class SigningKeys
{
    private static readonly Lazy<ISigningKeyService> RealService = new(() => CreateReal(TimeProvider.System));
    private static readonly Lazy<RSA> Rsa2048 = new(() => RSA.Create(2048));

    public static ISigningKeyService Real => RealService.Value;

    public static string RsaPkcs1Pem => Rsa2048.Value.ExportRSAPrivateKeyPem();
    public static string RsaPkcs8Pem => Rsa2048.Value.ExportPkcs8PrivateKeyPem();
    public static string RsaPublicPem => Rsa2048.Value.ExportSubjectPublicKeyInfoPem();

    public static string RsaEncryptedPkcs8Pem => Rsa2048.Value.ExportEncryptedPkcs8PrivateKeyPem(
        "pass-phrase", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

    public static string Rsa1024Pem()
    {
        using var rsa = RSA.Create(1024);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    public static string EcPrivateKeyPem()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ec.ExportPkcs8PrivateKeyPem();
    }

    public static ISigningKeyService CreateReal(TimeProvider clock)
    {
        // AddInfrastructure creates its data folder at registration; the key service writes nothing there.
        var root = Path.Combine(Path.GetTempPath(), $"epiczoom-app-tests-{Guid.NewGuid():N}");
        try
        {
            var provider = new ServiceCollection()
                .AddSingleton(clock)
                .AddInfrastructure(new ConfigurationBuilder().Build(), root)
                .BuildServiceProvider();
            return provider.GetRequiredService<ISigningKeyService>();
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
