using System.Runtime.Versioning;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.TestSupport;
using EpicZoom.TestSupport.Persistence;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Infrastructure.Tests.Security;

/// <summary>
/// The key ring with SQLite: it stays in the keys folder, encrypted at rest with the key-encryption certificate, and
/// the plain key ring EpicZoom kept before is encrypted in place without losing a secret.
/// (With a database server: KeyRingInDatabaseSuite.)
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string GeneratedCertificate => Path.Combine(dir.Path, "key-encryption.pfx");

    [Fact]
    public async Task SecretsOfThePlainFileKeyRing_StillOpenAfterTheUpgrade_AndItsKeysAreThenEncryptedOnDisk()
    {
        var cipher = KeyRings.ProtectWithThePlainFileKeyRing(dir.Path, "epic-client-secret");
        var plainKeys = KeyRings.PlainMasterKeys(dir.Path);
        Assert.Single(plainKeys); // today's key ring: one key, its master key in plain XML

        await using (var upgraded = await KeyRings.StartAsync(dir.Path))
            Assert.Equal("epic-client-secret", Secrets(upgraded).Unprotect(cipher));

        Assert.Empty(KeyRings.PlainMasterKeys(dir.Path));
        var keyFile = await File.ReadAllTextAsync(Assert.Single(KeyRings.KeyFiles(dir.Path)));
        Assert.Contains("encryptedSecret", keyFile, StringComparison.Ordinal);
        Assert.DoesNotContain(plainKeys[0], keyFile, StringComparison.Ordinal);
        await using var restarted = await KeyRings.StartAsync(dir.Path);
        Assert.Equal("epic-client-secret", Secrets(restarted).Unprotect(cipher));
    }

    [Fact]
    public async Task NewKeys_AreWrittenEncrypted()
    {
        await using var services = await KeyRings.StartAsync(dir.Path);

        var cipher = Secrets(services).Protect("zoom-secret");

        Assert.Equal("zoom-secret", Secrets(services).Unprotect(cipher));
        var keyFile = await File.ReadAllTextAsync(Assert.Single(KeyRings.KeyFiles(dir.Path)));
        Assert.Contains("encryptedSecret", keyFile, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", keyFile, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // file modes; Windows relies on the data folder's ACL
    public async Task TheGeneratedKeyEncryptionCertificate_IsCreatedOnce_ReadableByItsOwnerOnly()
    {
        await using (var first = await KeyRings.StartAsync(dir.Path)) Secrets(first).Protect("a");
        var created = await File.ReadAllBytesAsync(GeneratedCertificate);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(GeneratedCertificate));
        File.SetUnixFileMode(GeneratedCertificate, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using (var second = await KeyRings.StartAsync(dir.Path)) Secrets(second).Protect("b");

        Assert.Equal(created, await File.ReadAllBytesAsync(GeneratedCertificate));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(GeneratedCertificate));
    }

    [Fact]
    public async Task AConfiguredCertificate_WrapsNewKeys_AndKeysTheGeneratedOneWrappedStillOpen()
    {
        string cipher;
        await using (var before = await KeyRings.StartAsync(dir.Path)) cipher = Secrets(before).Protect("sms-token");
        using var certificate = KeyRings.WriteCertificate(Path.Combine(dir.Path, "kek.pfx"), "kek-password");

        await using var after = await KeyRings.StartAsync(dir.Path, new Dictionary<string, string?>
        {
            ["DataProtection:KeyEncryptionCertificate"] = "kek.pfx", // relative to the data folder
            ["DataProtection:KeyEncryptionCertificatePassword"] = "kek-password",
        });

        Assert.Equal("sms-token", Secrets(after).Unprotect(cipher));
        var key = after.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        var keyFile = await File.ReadAllTextAsync(Path.Combine(KeyRings.KeysFolder(dir.Path), $"key-{key.KeyId:D}.xml"));
        Assert.Contains(Convert.ToBase64String(certificate.RawData), keyFile, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.pfx", "kek-password", "there is no file")]
    [InlineData("kek.pfx", "wrong-password", "is not a PKCS#12 file that DataProtection:KeyEncryptionCertificatePassword opens")]
    public void AKeyEncryptionCertificateThatCannotBeOpened_StopsStartUp_NamingTheSetting(string file, string password, string reason)
    {
        KeyRings.WriteCertificate(Path.Combine(dir.Path, "kek.pfx"), "kek-password").Dispose();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["App:DataPath"] = dir.Path,
            ["DataProtection:KeyEncryptionCertificate"] = file,
            ["DataProtection:KeyEncryptionCertificatePassword"] = password,
        }).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddLogging().AddInfrastructure(configuration, dir.Path));

        Assert.StartsWith("DataProtection:KeyEncryptionCertificate:", refused.Message, StringComparison.Ordinal);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, refused.Message, StringComparison.Ordinal);
    }

    private static ISecretProtector Secrets(IServiceProvider services) => services.GetRequiredService<ISecretProtector>();
}
