namespace EpicZoom.SqlServer.Tests;

/// <summary>
/// The SQL Server named by ConnectionStrings__SqlServerTests: a login that may create and drop databases
/// (e.g. <c>Server=localhost,1433;User Id=sa;Password=…;TrustServerCertificate=true</c>). Each test gets its own database.
/// scripts/test.sh runs this project only when the variable is set; without it every test fails saying so.
/// </summary>
public sealed class SqlServerFixture : IAsyncLifetime
{
    public const string Variable = "ConnectionStrings__SqlServerTests";

    public SqlServerDatabases Databases { get; private set; } = null!;

    public Task InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException($"{Variable} is not set: these tests run against a real SQL Server (README, Test).");
        Databases = new SqlServerDatabases(connectionString);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Databases?.DropAllAsync() ?? Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class SqlServerCollection : ICollectionFixture<SqlServerFixture>
{
    public const string Name = "sqlserver";
}
