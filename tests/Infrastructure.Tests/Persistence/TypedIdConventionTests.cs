using EpicZoom.Domain.Guests;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using EpicZoom.Infrastructure.Persistence.Conventions;
using EpicZoom.TestSupport;
using EpicZoom.TestSupport.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Infrastructure.Tests.Persistence;

/// <summary>Typed ids reach the database as Guids through one convention, with no conversion written per property.</summary>
public sealed class TypedIdConventionTests
{
    [Fact]
    public void TheConvention_FindsEveryTypedIdOfTheDomain()
    {
        Assert.Equal([typeof(GuestInviteId), typeof(TenantId), typeof(VisitId)], TypedIds.InDomain.OrderBy(t => t.Name));
    }

    [Fact]
    public async Task EveryTypedIdProperty_IsStoredAsAGuid_OnEveryProvider()
    {
        using var dir = new TempDirectory();
        await using var sqlite = TestDatabases.Sqlite(Path.Combine(dir.Path, "ids.db"));
        await using var pg = TestDatabases.Postgres("Host=127.0.0.1;Database=unused");
        await using var sqlServer = TestDatabases.SqlServerOffline();

        foreach (var db in new DbContext[] { sqlite, pg, sqlServer })
        {
            var typed = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
                .Where(p => TypedIds.InDomain.Contains(Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType))
                .ToList();
            // Tenants.Id, VideoVisits.Id, GuestInvites.Id and 17 TenantId/VisitId columns of other tables (LaunchRecords.TenantId is nullable).
            Assert.Equal(20, typed.Count);
            Assert.All(typed, p => Assert.Equal(typeof(Guid), p.GetTypeMapping().Converter?.ProviderClrType));
        }
    }

    [Fact]
    public async Task ATypedId_RoundTripsThroughTheDatabase_IncludingANullableOne()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "roundtrip.db");
        var tenant = TestTenants.Valid("typed-ids", DateTime.UtcNow);
        await using (var db = TestDatabases.Sqlite(file))
        {
            await db.Database.MigrateAsync();
            db.Tenants.Add(tenant);
            db.LaunchRecords.Add(Domain.Launch.LaunchRecord.Of(tenant.Id, null, null, "ok", TimeSpan.Zero, TimeSpan.Zero, "", DateTime.UtcNow));
            db.LaunchRecords.Add(Domain.Launch.LaunchRecord.Of(null, null, null, "unknown-org", TimeSpan.Zero, TimeSpan.Zero, "", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        await using var read = TestDatabases.Sqlite(file);
        Assert.Equal(tenant.Id, (await read.Tenants.SingleAsync(t => t.Id == tenant.Id)).Id);
        var tenants = await read.LaunchRecords.OrderBy(r => r.Outcome).Select(r => r.TenantId).ToListAsync();
        Assert.Equal([tenant.Id, null], tenants);
    }
}
