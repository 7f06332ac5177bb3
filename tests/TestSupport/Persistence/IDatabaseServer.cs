using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.TestSupport.Persistence;

/// <summary>Hands out new, empty databases of one provider, so the persistence suites run the same tests on each.</summary>
public interface IDatabaseServer
{
    /// <summary>What Database:Provider says for these databases.</summary>
    DatabaseProvider Provider { get; }

    /// <summary>A new empty database; returns its connection string.</summary>
    Task<string> CreateDatabaseAsync(string name);

    /// <summary>A context the way the app builds one for this provider.</summary>
    AppDbContext Open(string connectionString);
}

/// <summary>SQLite files in a temporary folder, removed on dispose.</summary>
public sealed class SqliteFiles : IDatabaseServer, IDisposable
{
    private readonly TempDirectory folder = new("epiczoom-sqlite");

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public Task<string> CreateDatabaseAsync(string name) =>
        Task.FromResult($"Data Source={Path.Combine(folder.Path, $"{name}-{Guid.NewGuid():N}.db")};Pooling=false");

    public AppDbContext Open(string connectionString) =>
        new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).Options);

    public void Dispose() => folder.Dispose();
}

/// <summary>Databases on a throwaway PostgreSQL server.</summary>
public sealed class PostgresDatabases(PostgresServer server) : IDatabaseServer
{
    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public Task<string> CreateDatabaseAsync(string name) => server.CreateDatabaseAsync(name);

    public AppDbContext Open(string connectionString) =>
        new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options);
}
