using System.Security.Cryptography;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Webhooks;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.Infrastructure.Webhooks;
using EpicZoom.TestSupport.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EpicZoom.Infrastructure.Tests.Webhooks;

/// <summary>The group-commit inbox on a real database of each provider, with the provider's number of writer loops.</summary>
public abstract class WebhookInboxSuite(IDatabaseServer server, int writers)
{
    private static readonly DateTime Now = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task OneBatch_WithTheSameDeliveryTwice_StoresItOnce_AndCallsTheSecondADuplicate()
    {
        var (services, tenant) = await NewDatabaseAsync();
        await using var inbox = NewInbox(services);
        var first = Event(tenant, "A");

        var outcomes = await inbox.WriteAsync([first, Event(tenant, "A"), Event(tenant, "B")]);

        Assert.Equal([InboxOutcome.Stored, InboxOutcome.Duplicate, InboxOutcome.Stored], outcomes);
        var stored = await CountAsync(services);
        Assert.Equal(2, stored.Count);
        Assert.Contains(first.Id, stored);
    }

    [Fact]
    public async Task SecondDelivery_InALaterBatch_IsADuplicate_DecidedByTheIndex()
    {
        var (services, tenant) = await NewDatabaseAsync();
        await using var inbox = NewInbox(services);

        Assert.Equal(InboxOutcome.Stored, await inbox.AcceptAsync(Event(tenant, "A"), CancellationToken.None));
        Assert.Equal(InboxOutcome.Duplicate, await inbox.AcceptAsync(Event(tenant, "A"), CancellationToken.None));
        // Another instance's inbox on the same database agrees: the index, not memory, decides.
        await using var other = NewInbox(services);
        Assert.Equal(InboxOutcome.Duplicate, await other.AcceptAsync(Event(tenant, "A"), CancellationToken.None));
        Assert.Single(await CountAsync(services));
    }

    [Fact]
    public async Task ManyConcurrentWaiters_AreEachAnsweredOnce_AndEveryStoredOneIsInTheDatabase()
    {
        var (services, tenant) = await NewDatabaseAsync();
        await using var inbox = NewInbox(services);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => inbox.AcceptAsync(Event(tenant, $"E{i % 200}"), CancellationToken.None)));

        Assert.Equal(200, outcomes.Count(o => o == InboxOutcome.Stored));
        Assert.Equal(100, outcomes.Count(o => o == InboxOutcome.Duplicate));
        Assert.Equal(200, (await CountAsync(services)).Count);
    }

    [Fact]
    public async Task FailedBatch_FailsEveryEventInIt_AndStoresNoneOfThem()
    {
        var (services, tenant) = await NewDatabaseAsync();
        await using var inbox = NewInbox(services);
        // A tenant that does not exist breaks the foreign key, so the whole transaction fails.
        var orphan = Event(TenantId.New(), "orphan");

        await Assert.ThrowsAnyAsync<Exception>(() => inbox.WriteAsync([Event(tenant, "A"), orphan, Event(tenant, "B")]));
        await Assert.ThrowsAnyAsync<Exception>(() => inbox.AcceptAsync(Event(TenantId.New(), "orphan-2"), CancellationToken.None));

        Assert.Empty(await CountAsync(services));
        // The loop keeps going after a failed batch.
        Assert.Equal(InboxOutcome.Stored, await inbox.AcceptAsync(Event(tenant, "C"), CancellationToken.None));
    }

    [Fact]
    public async Task Waiter_WhoseRequestWasCancelled_StopsWaiting_ButTheEventIsStillStored()
    {
        var (services, tenant) = await NewDatabaseAsync();
        await using var inbox = NewInbox(services);
        var left = Event(tenant, "client left");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inbox.AcceptAsync(left, new CancellationToken(canceled: true)));
        // Everything handed over is written before the inbox stops.
        await inbox.DisposeAsync();

        Assert.Contains(left.Id, await CountAsync(services));
    }

    /// <summary>
    /// The same deliveries at once through several writers committing side by side (as several instances' inboxes
    /// do): each is stored once, the unique index deciding between concurrent transactions.
    /// </summary>
    protected async Task ConcurrentWriters_StoreEachDeliveryOnce(int writerLoops)
    {
        var (services, tenant) = await NewDatabaseAsync();
        await using var inbox = new WebhookInbox(services.GetRequiredService<IServiceScopeFactory>(), new InboxWriters(writerLoops), NullLogger<WebhookInbox>.Instance);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 600).Select(i => Task.Run(() => inbox.AcceptAsync(Event(tenant, $"E{i % 200}"), CancellationToken.None))));

        Assert.Equal(200, outcomes.Count(o => o == InboxOutcome.Stored));
        Assert.Equal(400, outcomes.Count(o => o == InboxOutcome.Duplicate));
        Assert.Equal(200, (await CountAsync(services)).Distinct().Count());
    }

    private WebhookInbox NewInbox(ServiceProvider services) =>
        new(services.GetRequiredService<IServiceScopeFactory>(), new InboxWriters(writers), NullLogger<WebhookInbox>.Instance);

    protected static ZoomWebhookEvent Event(TenantId tenant, string body) =>
        ZoomWebhookEvent.Receive(tenant, "meeting.participant_joined", Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body))), "g1:x:" + body, Now);

    private static async Task<List<Guid>> CountAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().WebhookEvents.Select(e => e.Id).ToListAsync();
    }

    private async Task<(ServiceProvider Services, TenantId Tenant)> NewDatabaseAsync()
    {
        var connection = await server.CreateDatabaseAsync("inbox");
        var services = new ServiceCollection().AddScoped<AppDbContext>(_ => server.Open(connection)).BuildServiceProvider();
        await using var db = server.Open(connection);
        await db.Database.MigrateAsync();
        var tenant = TestTenants.Valid("inbox-" + Guid.NewGuid().ToString("N")[..8], Now);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return (services, tenant.Id);
    }
}

public sealed class SqliteWebhookInboxTests(SqliteFiles files)
    : WebhookInboxSuite(files, InboxWriters.For(DatabaseProvider.Sqlite).Count), IClassFixture<SqliteFiles>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresWebhookInboxTests(PostgresFixture postgres)
    : WebhookInboxSuite(postgres.Databases, InboxWriters.For(DatabaseProvider.Postgres).Count)
{
    [Fact]
    public Task FourWriters_GivenTheSameDeliveriesAtOnce_StoreEachOnce() => ConcurrentWriters_StoreEachDeliveryOnce(4);
}

public sealed class InboxSqlTests
{
    [Fact]
    public void SqlServer_InsertsOnlyKeysNotPresent_UnderAKeyRangeLock_AndOutputsTheInsertedIds()
    {
        using var db = TestDatabases.SqlServerOffline();
        var table = InboxTable.Of(db.Model.FindEntityType(typeof(ZoomWebhookEvent))!,
            Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>(db),
            db.Provider);

        var sql = InboxSql.Insert(table.Provider, table.Name, table.Columns.Select(c => c.Name).ToList(), 2, table.IdColumn, table.TenantColumn, table.HashColumn);

        Assert.Equal(DatabaseProvider.SqlServer, table.Provider);
        Assert.StartsWith("INSERT INTO [WebhookEvents] (", sql, StringComparison.Ordinal);
        Assert.Contains("OUTPUT INSERTED.[Id] AS [Value]", sql, StringComparison.Ordinal);
        Assert.Contains("WITH (UPDLOCK, HOLDLOCK) WHERE w.[TenantId] = v.[TenantId] AND w.[BodyHash] = v.[BodyHash]", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("ON CONFLICT", sql, StringComparison.Ordinal);
        // Every mapped column is written, two rows of parameters.
        Assert.Equal(db.Model.FindEntityType(typeof(ZoomWebhookEvent))!.GetProperties().Count(), table.Columns.Count);
        Assert.Contains($"@p{2 * table.Columns.Count - 1})", sql, StringComparison.Ordinal);
        Assert.DoesNotContain($"@p{2 * table.Columns.Count})", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteAndPostgres_LetTheUniqueIndexSkipDuplicates_AndReturnOnlyInsertedIds()
    {
        var sql = InboxSql.Insert(DatabaseProvider.Postgres, "\"WebhookEvents\"", ["\"Id\"", "\"TenantId\"", "\"BodyHash\""], 1, "\"Id\"", "\"TenantId\"", "\"BodyHash\"");

        Assert.Equal("INSERT INTO \"WebhookEvents\" (\"Id\", \"TenantId\", \"BodyHash\") VALUES (@p0, @p1, @p2) ON CONFLICT (\"TenantId\", \"BodyHash\") DO NOTHING RETURNING \"Id\" AS \"Value\"", sql);
    }
}
