using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace EpicZoom.TestSupport.Persistence;

/// <summary>The tenant aggregate through a real database of each provider.</summary>
public abstract class TenantPersistenceSuite(IDatabaseServer server)
{
    [Fact]
    public async Task Tenant_SavedAndReadBack_KeepsEverySetting()
    {
        var connection = await NewDatabaseAsync();
        var now = new DateTime(2026, 11, 22, 10, 30, 0, DateTimeKind.Utc);
        var tenant = TestTenants.Valid("mercy-health", now);
        tenant.SetProtectedSecret(TenantSecret.ZoomClientSecret, "cipher-zoom", now);
        tenant.SetSigningKey(new SigningKey("kid-1", """{"kty":"RSA","kid":"kid-1"}""", now, Imported: true), "cipher-key", now);

        await using (var db = server.Open(connection))
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        await using (var db = server.Open(connection))
        {
            var read = await db.Tenants.SingleAsync(t => t.OrgId == "mercy-health");
            Assert.Equal(tenant.Id, read.Id);
            Assert.Equal(tenant.Zoom, read.Zoom);
            Assert.Equal(tenant.Epic, read.Epic);
            Assert.Equal(tenant.DeviceTest, read.DeviceTest);
            Assert.Equal(EpicEnvironment.Production, read.Environment);
            Assert.Equal(PatientAdmittancePolicy.HostAdmitsFromWaitingRoom, read.AdmittancePolicy);
            Assert.Equal("cipher-zoom", read.ZoomClientSecretProtected);
            Assert.Equal("cipher-key", read.EpicPrivateKeyProtected);
            Assert.Equal(tenant.SigningKey, read.SigningKey);
            Assert.Equal(DateTimeKind.Utc, read.CreatedAtUtc.Kind);
            Assert.Equal(now, read.CreatedAtUtc);
        }
    }

    [Fact]
    public async Task Tenant_WithoutSigningKey_ReadsBackWithNone()
    {
        var connection = await NewDatabaseAsync();
        await using (var db = server.Open(connection))
        {
            db.Tenants.Add(TestTenants.Valid("no-key", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        await using (var db = server.Open(connection))
        {
            var read = await db.Tenants.SingleAsync();
            Assert.Null(read.SigningKey);
            Assert.Null(read.Epic.OAuthBaseUrl);
        }
    }

    [Fact]
    public async Task SecondTenant_WithTheSameOrgId_IsRefusedByTheDatabase()
    {
        var connection = await NewDatabaseAsync();
        await using (var db = server.Open(connection))
        {
            db.Tenants.Add(TestTenants.Valid("same-org", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        await using (var db = server.Open(connection))
        {
            db.Tenants.Add(TestTenants.Valid("same-org", DateTime.UtcNow));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var db = server.Open(connection))
        {
            Assert.Equal(1, await db.Tenants.CountAsync());
        }
    }

    private async Task<string> NewDatabaseAsync()
    {
        var connection = await server.CreateDatabaseAsync("tenants");
        await using var db = server.Open(connection);
        await db.Database.MigrateAsync();
        return connection;
    }
}
