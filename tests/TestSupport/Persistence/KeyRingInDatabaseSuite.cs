using EpicZoom.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EpicZoom.TestSupport.Persistence;

/// <summary>
/// With PostgreSQL or SQL Server the key ring is in the database: instances on one database share it, and an
/// installation that had its key ring in the keys folder keeps every old key (copied in, encrypted) on first start.
/// </summary>
public abstract class KeyRingInDatabaseSuite(IDatabaseServer server) : IDisposable
{
    private const string CertificatePassword = "kek-password-1";
    private readonly TempDirectory certificates = new("epiczoom-kek");

    public void Dispose() => certificates.Dispose();

    [Fact]
    public async Task AFileKeyRingOfAnEarlierVersion_IsCopiedIntoTheDatabaseEncrypted_AndItsSecretsStillOpen()
    {
        using var data = new TempDirectory();
        var cipher = KeyRings.ProtectWithThePlainFileKeyRing(data.Path, "zoom-client-secret");
        var plainKeys = KeyRings.PlainMasterKeys(data.Path);
        Assert.Single(plainKeys); // the earlier version's key ring: one key, unencrypted
        var connection = await server.CreateDatabaseAsync("keyring");

        await using (var upgraded = await StartAsync(data.Path, connection))
            Assert.Equal("zoom-client-secret", upgraded.GetRequiredService<ISecretProtector>().Unprotect(cipher));

        await using var db = server.Open(connection);
        var row = Assert.Single(await db.DataProtectionKeys.AsNoTracking().ToListAsync());
        Assert.StartsWith("key-", row.FriendlyName, StringComparison.Ordinal);
        Assert.Contains("encryptedSecret", row.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain(plainKeys[0], row.Xml, StringComparison.Ordinal);
        Assert.Empty(KeyRings.PlainMasterKeys(data.Path)); // the folder copy is encrypted too

        // Started again (or by a second instance with the same folder), nothing is copied twice.
        await using (var again = await StartAsync(data.Path, connection))
            Assert.Equal("zoom-client-secret", again.GetRequiredService<ISecretProtector>().Unprotect(cipher));
        Assert.Single(await db.DataProtectionKeys.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task InstancesOnOneDatabase_ShareTheKeyRing_AndKeepNoKeysInTheirFolders()
    {
        var connection = await server.CreateDatabaseAsync("shared");
        using var firstData = new TempDirectory();
        using var secondData = new TempDirectory();
        await using var first = await StartAsync(firstData.Path, connection);
        await using var second = await StartAsync(secondData.Path, connection);

        var cipher = first.GetRequiredService<ISecretProtector>().Protect("webhook-token");

        Assert.Equal("webhook-token", second.GetRequiredService<ISecretProtector>().Unprotect(cipher));
        Assert.Empty(KeyRings.KeyFiles(firstData.Path));
        Assert.Empty(KeyRings.KeyFiles(secondData.Path));
        await using var db = server.Open(connection);
        Assert.Contains("encryptedSecret", Assert.Single(await db.DataProtectionKeys.AsNoTracking().ToListAsync()).Xml, StringComparison.Ordinal);
    }

    /// <summary>Every instance names the same key-encryption certificate, as several instances must.</summary>
    private Task<ServiceProvider> StartAsync(string dataPath, string connection)
    {
        var certificate = Path.Combine(certificates.Path, "kek.pfx");
        if (!File.Exists(certificate)) KeyRings.WriteCertificate(certificate, CertificatePassword).Dispose();
        return KeyRings.StartAsync(dataPath, new Dictionary<string, string?>
        {
            ["Database:Provider"] = server.Provider.ToString(),
            ["ConnectionStrings:Default"] = connection,
            ["DataProtection:KeyEncryptionCertificate"] = certificate,
            ["DataProtection:KeyEncryptionCertificatePassword"] = CertificatePassword,
        });
    }
}
