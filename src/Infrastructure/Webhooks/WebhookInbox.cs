using System.Threading.Channels;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Webhooks;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Infrastructure.Webhooks;

/// <summary>
/// Group commit: one writer loop takes every webhook waiting (up to <see cref="MaxBatch"/>), inserts them in one
/// transaction with one commit (one fsync for all of them) and only then completes each waiter. The unique index on
/// (TenantId, BodyHash) decides duplicates inside the insert itself (<see cref="InboxSql"/>), so several instances on
/// one database agree without a read first. A failed batch faults every waiter in it: none of them is acknowledged.
/// On a server database several writer loops commit side by side (<see cref="InboxWriters"/>): while one batch waits
/// for its commit the next is already being written, as two instances' inboxes would; SQLite has one writer.
/// </summary>
internal sealed class WebhookInbox : IWebhookInbox, IAsyncDisposable
{
    public const int MaxBatch = 256;

    private sealed record Pending(ZoomWebhookEvent Event, TaskCompletionSource<InboxOutcome> Done);

    private readonly Channel<Pending> queue;
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<WebhookInbox> logger;
    private readonly Task loop;

    public WebhookInbox(IServiceScopeFactory scopes, InboxWriters writers, ILogger<WebhookInbox> logger)
    {
        this.scopes = scopes;
        this.logger = logger;
        queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = writers.Count == 1 });
        loop = Task.WhenAll(Enumerable.Range(0, writers.Count).Select(_ => Task.Run(RunAsync)));
    }

    public Task<InboxOutcome> AcceptAsync(ZoomWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<InboxOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new Pending(webhookEvent, done)))
            throw new InvalidOperationException("The webhook inbox is shutting down.");
        return done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Everything already handed over is still written before the loop ends.
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                var outcomes = await WriteAsync(batch.Select(p => p.Event).ToList()).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(outcomes[i]);
            }
            catch (Exception ex)
            {
                logger.LogWarning("A batch of {Count} webhook events was not stored ({Error}); each is refused so that Zoom delivers it again",
                    batch.Count, ex.GetType().Name);
                foreach (var pending in batch) pending.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>Outcome per event, in order. The first of several equal deliveries in one batch is the one inserted.</summary>
    internal async Task<InboxOutcome[]> WriteAsync(IReadOnlyList<ZoomWebhookEvent> events)
    {
        var firstOf = new Dictionary<(Domain.Tenants.TenantId, string), int>();
        var distinct = new List<ZoomWebhookEvent>(events.Count);
        var representative = new int[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var key = (events[i].TenantId, events[i].BodyHash);
            if (!firstOf.TryGetValue(key, out var first))
            {
                first = distinct.Count;
                firstOf[key] = first;
                distinct.Add(events[i]);
            }
            representative[i] = first;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // In index order: batches committing side by side (here or on other instances) then take the unique index's
        // locks in one order, so two holding the same deliveries wait for each other instead of deadlocking.
        var inIndexOrder = distinct.OrderBy(e => e.TenantId.Value).ThenBy(e => e.BodyHash, StringComparer.Ordinal).ToList();
        var inserted = await InsertAsync(db, inIndexOrder).ConfigureAwait(false);

        var outcomes = new InboxOutcome[events.Count];
        var claimed = new bool[distinct.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var r = representative[i];
            var stored = !claimed[r] && inserted.Contains(distinct[r].Id);
            claimed[r] = true;
            outcomes[i] = stored ? InboxOutcome.Stored : InboxOutcome.Duplicate;
        }
        return outcomes;
    }

    /// <summary>
    /// One transaction, one commit; returns the ids the index let in. The statement is built once per row count and
    /// executed on one command, so a provider that prepares statements (SQLite) compiles it once per batch, not per row.
    /// </summary>
    internal static async Task<HashSet<Guid>> InsertAsync(AppDbContext db, IReadOnlyList<ZoomWebhookEvent> events)
    {
        var entity = db.Model.FindEntityType(typeof(ZoomWebhookEvent))!;
        var table = InboxTable.Of(entity, db.GetService<ISqlGenerationHelper>(), db.Provider);
        var columns = table.Columns.Select(c => c.Name).ToList();
        var inserted = new HashSet<Guid>();

        await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var rows = 0;
        foreach (var chunk in events.Chunk(InboxSql.RowsPerStatement(table.Provider, columns.Count)))
        {
            if (chunk.Length != rows)
            {
                command.CommandText = InboxSql.Insert(table.Provider, table.Name, columns, chunk.Length, table.IdColumn, table.TenantColumn, table.HashColumn);
                rows = chunk.Length;
            }
            command.Parameters.Clear();
            foreach (var webhookEvent in chunk)
                foreach (var column in table.Columns)
                    command.Parameters.Add(column.Parameter(command, $"p{command.Parameters.Count}", webhookEvent));
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false)) inserted.Add(reader.GetGuid(0));
        }
        await transaction.CommitAsync().ConfigureAwait(false);
        return inserted;
    }
}

/// <summary>
/// How many batches the inbox commits at once: 1 on SQLite (one writer at a time, whatever the loops), more on a server
/// database, where a commit's wait for its flush leaves the CPU to the next batch.
/// </summary>
internal sealed record InboxWriters(int Count)
{
    public static InboxWriters For(DatabaseProvider provider) => new(provider == DatabaseProvider.Sqlite ? 1 : ServerDatabaseWriters);

    public const int ServerDatabaseWriters = 2;
}

/// <summary>WebhookEvents' table and columns as the EF model maps them (names, types and value converters).</summary>
internal sealed record InboxTable(DatabaseProvider Provider, string Name, IReadOnlyList<InboxColumn> Columns, string IdColumn, string TenantColumn, string HashColumn)
{
    public static InboxTable Of(IEntityType entity, ISqlGenerationHelper sql, DatabaseProvider provider)
    {
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => new InboxColumn(sql.DelimitIdentifier(p.GetColumnName(store)!), p)).ToList();
        string Column(string property) => columns.Single(c => c.Property.Name == property).Name;
        return new InboxTable(provider, sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema()), columns,
            Column(nameof(ZoomWebhookEvent.Id)), Column(nameof(ZoomWebhookEvent.TenantId)), Column(nameof(ZoomWebhookEvent.BodyHash)));
    }
}

internal sealed record InboxColumn(string Name, IProperty Property)
{
    private readonly RelationalTypeMapping mapping = (RelationalTypeMapping)Property.GetTypeMapping();
    private readonly IClrPropertyGetter getter = Property.GetGetter();

    /// <summary>A parameter made by the provider's own type mapping, so values are stored exactly as EF stores them.</summary>
    public object Parameter(System.Data.Common.DbCommand provider, string name, ZoomWebhookEvent webhookEvent) =>
        mapping.CreateParameter(provider, name, getter.GetClrValue(webhookEvent), Property.IsNullable);
}
