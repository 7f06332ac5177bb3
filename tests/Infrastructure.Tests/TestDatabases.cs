using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Infrastructure.Tests;

/// <summary>Creates contexts the way the app does, over a real SQLite file or a real PostgreSQL database (or SQL Server offline).</summary>
internal static class TestDatabases
{
    public static AppDbContext Sqlite(string file) =>
        new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={file};Pooling=false")
            .Options);

    public static AppDbContext Postgres(string connectionString) =>
        new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(connectionString)
            .Options);

    /// <summary>SQL Server cannot run on these machines: this context is only for what needs no server (model, scripts).</summary>
    public static AppDbContext SqlServerOffline() =>
        new SqlServerAppDbContext(new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=offline.invalid;Database=epiczoom;TrustServerCertificate=true")
            .Options);
}
