using EpicZoom.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace EpicZoom.TestSupport.Persistence;

/// <summary>Text cut to its column survives every database: PostgreSQL refuses half a surrogate pair, SQLite mangles it.</summary>
public abstract class TextPersistenceSuite(IDatabaseServer server)
{
    private const string Hospital = "\U0001F3E5";

    [Fact]
    public async Task AuditSummary_CutInsideAnEmoji_IsSavedAndReadBackWithoutHalfOfIt()
    {
        var connection = await NewDatabaseAsync();
        var kept = new string('x', AuditEntry.MaxSummaryLength - 1);
        await using (var db = server.Open(connection))
        {
            db.AuditEntries.Add(AuditEntry.Record(DateTime.UtcNow, "admin", "TenantUpdated", "Tenant", "t1", kept + Hospital + "tail"));
            await db.SaveChangesAsync();
        }

        await using (var db = server.Open(connection))
        {
            Assert.Equal(kept, (await db.AuditEntries.SingleAsync()).Summary);
        }
    }

    [Fact]
    public async Task TenantName_InAnyScriptWithEmoji_RoundTrips()
    {
        var connection = await NewDatabaseAsync();
        var name = "Clínica São José · 東京病院 · مستشفى " + Hospital;
        await using (var db = server.Open(connection))
        {
            var tenant = TestTenants.Valid("unicode", DateTime.UtcNow);
            tenant.Update(name, tenant.OrgId, tenant.Environment, tenant.AdmittancePolicy, tenant.Zoom, tenant.Epic, tenant.DeviceTest, DateTime.UtcNow);
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        await using (var db = server.Open(connection))
        {
            Assert.Equal(name, (await db.Tenants.SingleAsync()).Name);
        }
    }

    private async Task<string> NewDatabaseAsync()
    {
        var connection = await server.CreateDatabaseAsync("text");
        await using var db = server.Open(connection);
        await db.Database.MigrateAsync();
        return connection;
    }
}
