using EpicZoom.Domain.Audit;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Infrastructure.Tests;

/// <summary>Text cut to its column survives both databases: PostgreSQL refuses half a surrogate pair, SQLite mangles it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TextPersistenceTests(PostgresFixture postgres) : IDisposable
{
    private const string Hospital = "\U0001F3E5";
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task AuditSummary_CutInsideAnEmoji_IsSavedAndReadBackWithoutHalfOfIt(Provider provider)
    {
        var connection = await NewDatabaseAsync(provider);
        var kept = new string('x', AuditEntry.MaxSummaryLength - 1);
        await using (var db = Open(provider, connection))
        {
            db.AuditEntries.Add(AuditEntry.Record(DateTime.UtcNow, "admin", "TenantUpdated", "Tenant", "t1", kept + Hospital + "tail"));
            await db.SaveChangesAsync();
        }

        await using (var db = Open(provider, connection))
        {
            Assert.Equal(kept, (await db.AuditEntries.SingleAsync()).Summary);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task TenantName_InAnyScriptWithEmoji_RoundTrips(Provider provider)
    {
        var connection = await NewDatabaseAsync(provider);
        var name = "Clínica São José · 東京病院 · مستشفى " + Hospital;
        await using (var db = Open(provider, connection))
        {
            var tenant = Tenants.Valid("unicode", DateTime.UtcNow);
            tenant.Update(name, tenant.OrgId, tenant.Environment, tenant.AdmittancePolicy, tenant.Zoom, tenant.Epic, tenant.DeviceTest, DateTime.UtcNow);
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        await using (var db = Open(provider, connection))
        {
            Assert.Equal(name, (await db.Tenants.SingleAsync()).Name);
        }
    }

    private async Task<string> NewDatabaseAsync(Provider provider)
    {
        var connection = provider == Provider.Sqlite
            ? Path.Combine(dir.Path, $"{Guid.NewGuid():N}.db")
            : await postgres.Server.CreateDatabaseAsync("text");
        await using var db = Open(provider, connection);
        await db.Database.MigrateAsync();
        return connection;
    }

    private static AppDbContext Open(Provider provider, string connection) =>
        provider == Provider.Sqlite ? TestDatabases.Sqlite(connection) : TestDatabases.Postgres(connection);
}
