using System.Collections.Concurrent;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.SqlServer.Tests;

/// <summary>Databases created on a real SQL Server for one test run, dropped at its end.</summary>
public sealed class SqlServerDatabases(string serverConnectionString) : IDatabaseServer
{
    private readonly ConcurrentBag<string> created = [];

    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public async Task<string> CreateDatabaseAsync(string name)
    {
        var database = $"epiczoom_test_{name}_{Guid.NewGuid():N}";
        await ExecuteOnMasterAsync($"CREATE DATABASE [{database}]");
        created.Add(database);
        return new SqlConnectionStringBuilder(serverConnectionString) { InitialCatalog = database }.ConnectionString;
    }

    public AppDbContext Open(string connectionString) =>
        new SqlServerAppDbContext(new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer(connectionString).Options);

    public async Task DropAllAsync()
    {
        SqlConnection.ClearAllPools();
        foreach (var database in created)
            await ExecuteOnMasterAsync($"ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}];");
    }

    private async Task ExecuteOnMasterAsync(string sql)
    {
        var master = new SqlConnectionStringBuilder(serverConnectionString) { InitialCatalog = "master" };
        await using var connection = new SqlConnection(master.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
