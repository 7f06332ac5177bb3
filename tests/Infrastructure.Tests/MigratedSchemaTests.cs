using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Infrastructure.Tests;

/// <summary>
/// A database built by the generated migrations (and any SQL added to them by hand) must equal one built straight from
/// the model, on each provider that can run here.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MigratedSchemaTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Sqlite_MigratedSchema_EqualsTheModel()
    {
        using var dir = new TempDirectory();
        await using var migrated = TestDatabases.Sqlite(Path.Combine(dir.Path, "migrated.db"));
        await using var created = TestDatabases.Sqlite(Path.Combine(dir.Path, "created.db"));

        await migrated.Database.MigrateAsync();
        await created.Database.EnsureCreatedAsync();

        var expected = await SchemaSnapshot.ReadAsync(created);
        Assert.Contains(expected, l => l.StartsWith("table Tenants", StringComparison.Ordinal));
        Assert.Equal(expected, await SchemaSnapshot.ReadAsync(migrated));
    }

    [Fact]
    public async Task Postgres_MigratedSchema_EqualsTheModel()
    {
        await using var migrated = TestDatabases.Postgres(await postgres.Server.CreateDatabaseAsync("migrated"));
        await using var created = TestDatabases.Postgres(await postgres.Server.CreateDatabaseAsync("created"));

        await migrated.Database.MigrateAsync();
        await created.Database.EnsureCreatedAsync();

        var expected = await SchemaSnapshot.ReadAsync(created);
        Assert.Contains(expected, l => l.Contains("Tenants.OrgId", StringComparison.Ordinal));
        Assert.Equal(expected, await SchemaSnapshot.ReadAsync(migrated));
    }

    [Fact]
    public async Task Migrate_WhenRunTwice_ChangesNothing()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "twice.db");
        await using (var first = TestDatabases.Sqlite(file)) await first.Database.MigrateAsync();
        await using var second = TestDatabases.Sqlite(file);
        var before = await SchemaSnapshot.ReadAsync(second);

        await second.Database.MigrateAsync();

        Assert.Empty(await second.Database.GetPendingMigrationsAsync());
        Assert.Equal(before, await SchemaSnapshot.ReadAsync(second));
    }
}
