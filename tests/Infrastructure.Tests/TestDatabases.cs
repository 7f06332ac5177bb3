using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EpicZoom.Infrastructure.Tests;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>Creates contexts the way the app does, over a real SQLite file or a real PostgreSQL database.</summary>
internal static class TestDatabases
{
    public static AppDbContext Sqlite(string file) =>
        new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={file};Pooling=false")
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);

    public static AppDbContext Postgres(string connectionString) =>
        new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(connectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);
}
