using EpicZoom.TestSupport;
using EpicZoom.TestSupport.Persistence;

namespace EpicZoom.Infrastructure.Tests;

/// <summary>One throwaway PostgreSQL server for all tests in the collection; each test makes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public PostgresDatabases Databases => new(Server);

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
