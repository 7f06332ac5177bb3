using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EpicZoom.Infrastructure.Persistence.Sqlite;

/// <summary>
/// SQLite has one writer at a time. Inside this process, <c>SaveChanges</c> calls take turns on an async gate instead
/// of colliding on the file lock: a waiting save costs no thread (a thread asleep in SQLite's busy handler is one the
/// thread pool cannot use for anything else) and never sees SQLITE_BUSY from a sibling. Other processes on the same
/// file, raw SQL writes and saves inside an explicit transaction (whose lock outlives the save; gating them could
/// wait on a save that waits on them) are left to <see cref="SqliteConnectionPolicy.BusyTimeout"/>.
/// </summary>
public sealed class SqliteWriteGate : SaveChangesInterceptor
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private int waiting;

    /// <summary>Saves waiting for their turn now (diagnostics and tests).</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>The contexts whose save holds the gate now; weak, so a context disposed mid-save cannot pin anything.</summary>
    private readonly ConditionalWeakTable<DbContext, object> holders = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (ShouldGate(eventData.Context))
        {
            Interlocked.Increment(ref waiting);
            try { gate.Wait(); }
            finally { Interlocked.Decrement(ref waiting); }
            Hold(eventData.Context!);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (ShouldGate(eventData.Context))
        {
            Interlocked.Increment(ref waiting);
            try { await gate.WaitAsync(cancellationToken); }
            finally { Interlocked.Decrement(ref waiting); }
            Hold(eventData.Context!);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    private static bool ShouldGate(DbContext? context) => context is not null && context.Database.CurrentTransaction is null;

    private void Hold(DbContext context) => holders.AddOrUpdate(context, context);

    /// <summary>Releases only what this context holds: a save that was not gated (explicit transaction) releases nothing.</summary>
    private void Release(DbContext? context)
    {
        if (context is not null && holders.Remove(context)) gate.Release();
    }
}
