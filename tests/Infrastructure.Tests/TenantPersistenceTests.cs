using EpicZoom.Domain.Tenants;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Infrastructure.Tests;

/// <summary>The tenant aggregate through real databases: a SQLite file and a PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TenantPersistenceTests(PostgresFixture postgres) : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Tenant_SavedAndReadBack_KeepsEverySetting(Provider provider)
    {
        var connection = await NewDatabaseAsync(provider);
        var now = new DateTime(2026, 11, 22, 10, 30, 0, DateTimeKind.Utc);
        var tenant = Tenants.Valid("mercy-health", now);
        tenant.SetProtectedSecret(TenantSecret.ZoomClientSecret, "cipher-zoom", now);
        tenant.SetSigningKey(new SigningKey("kid-1", """{"kty":"RSA","kid":"kid-1"}""", now, Imported: true), "cipher-key", now);

        await using (var db = Open(provider, connection))
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        await using (var db = Open(provider, connection))
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

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Tenant_WithoutSigningKey_ReadsBackWithNone(Provider provider)
    {
        var connection = await NewDatabaseAsync(provider);
        await using (var db = Open(provider, connection))
        {
            db.Tenants.Add(Tenants.Valid("no-key", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        await using (var db = Open(provider, connection))
        {
            var read = await db.Tenants.SingleAsync();
            Assert.Null(read.SigningKey);
            Assert.Null(read.Epic.OAuthBaseUrl);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task SecondTenant_WithTheSameOrgId_IsRefusedByTheDatabase(Provider provider)
    {
        var connection = await NewDatabaseAsync(provider);
        await using (var db = Open(provider, connection))
        {
            db.Tenants.Add(Tenants.Valid("same-org", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        await using (var db = Open(provider, connection))
        {
            db.Tenants.Add(Tenants.Valid("same-org", DateTime.UtcNow));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using (var db = Open(provider, connection))
        {
            Assert.Equal(1, await db.Tenants.CountAsync());
        }
    }

    private async Task<string> NewDatabaseAsync(Provider provider)
    {
        var connection = provider == Provider.Sqlite
            ? Path.Combine(dir.Path, $"{Guid.NewGuid():N}.db")
            : await postgres.Server.CreateDatabaseAsync("tenants");
        await using var db = Open(provider, connection);
        await db.Database.MigrateAsync();
        return connection;
    }

    private static AppDbContext Open(Provider provider, string connection) =>
        provider == Provider.Sqlite ? TestDatabases.Sqlite(connection) : TestDatabases.Postgres(connection);
}

internal static class Tenants
{
    public static Tenant Valid(string orgId, DateTime now) => Tenant.Create(
        "Mercy Health", orgId, EpicEnvironment.Production, PatientAdmittancePolicy.HostAdmitsFromWaitingRoom,
        new ZoomSettings("acc-1", "zoom-client", "telehealth.mercy.example", ProviderUserType.Licensed, ZoomSettings.DefaultOAuthBaseUrl, ZoomSettings.DefaultApiBaseUrl),
        new EpicSettings("https://fhir.mercy.example/api/FHIR/R4", "https://fhir.mercy.example", null, "epic-client", "EpicZoom",
            TelehealthAuthMode.BackendOAuthToken, null, new EpicStatusCodes("1", "2", "3", "4"), EpicSettings.DefaultDeviceTestReportPath),
        new DeviceTestSettings("https://test.mercy.example/device", null),
        now);
}
