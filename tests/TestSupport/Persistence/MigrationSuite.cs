using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EpicZoom.TestSupport.Persistence;

/// <summary>
/// The migrations as the app applies them at start-up (<see cref="DatabaseMigrator"/>), on a real database of each
/// provider: they apply in full, and the schema they build equals the one built straight from the model.
/// </summary>
public abstract class MigrationSuite(IDatabaseServer server)
{
    [Fact]
    public async Task Migrate_OnAnEmptyDatabase_AppliesEveryMigration()
    {
        await using var db = server.Open(await server.CreateDatabaseAsync("migrate"));

        await Migrate(db);

        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task MigratedSchema_EqualsTheModel()
    {
        await using var migrated = server.Open(await server.CreateDatabaseAsync("migrated"));
        await using var created = server.Open(await server.CreateDatabaseAsync("created"));

        await Migrate(migrated);
        await created.Database.EnsureCreatedAsync();

        var expected = await SchemaSnapshot.ReadAsync(created);
        Assert.Contains(expected, l => l.Contains("Tenants.OrgId", StringComparison.Ordinal));
        Assert.Contains(expected, l => l.Contains("DataProtectionKeys.FriendlyName", StringComparison.Ordinal));
        Assert.Equal(expected, await SchemaSnapshot.ReadAsync(migrated));
    }

    [Fact]
    public async Task Migrate_WhenRunTwice_ChangesNothing()
    {
        var connection = await server.CreateDatabaseAsync("twice");
        await using (var first = server.Open(connection)) await Migrate(first);
        await using var second = server.Open(connection);
        var before = await SchemaSnapshot.ReadAsync(second);

        await Migrate(second);

        Assert.Empty(await second.Database.GetPendingMigrationsAsync());
        Assert.Equal(before, await SchemaSnapshot.ReadAsync(second));
    }

    private static Task Migrate(AppDbContext db) => new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
}
