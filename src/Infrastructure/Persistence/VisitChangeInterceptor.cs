using System.Data.Common;
using System.Runtime.CompilerServices;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EpicZoom.Infrastructure.Persistence;

/// <summary>
/// Tells <see cref="VisitChangeNotifier"/> which visits' host-joined or ended state a SaveChanges wrote, once it is
/// committed: right after SaveChanges, or at the commit of the explicit transaction it ran in (nothing on a rollback
/// or a failed save). Any code path that changes a VideoVisit through the change tracker wakes the waiting pages;
/// ExecuteUpdate and raw SQL bypass it (the waiters' timeout covers them, as it covers other instances).
/// </summary>
public sealed class VisitChangeInterceptor(VisitChangeNotifier notifier) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> pending = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Of(eventData.Context)?.Saving.Clear();

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Of(eventData.Context)?.InTransaction.Clear();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is null) return;
        List<VisitId>? ids = null;
        foreach (var entry in context.ChangeTracker.Entries<VideoVisit>())
        {
            var relevant = entry.State switch
            {
                EntityState.Modified => entry.Property(v => v.HostJoinedAtUtc).IsModified || entry.Property(v => v.EndedAtUtc).IsModified,
                EntityState.Added => entry.Entity.HostHasJoined || entry.Entity.EndedAtUtc is not null,
                EntityState.Deleted => true,
                _ => false,
            };
            if (relevant) (ids ??= []).Add(entry.Entity.Id);
        }
        if (ids is not null) pending.GetOrCreateValue(context).Saving.AddRange(ids);
    }

    private void Saved(DbContext? context)
    {
        if (Of(context) is not { Saving.Count: > 0 } state) return;
        if (context!.Database.CurrentTransaction is null)
        {
            notifier.Publish(state.Saving);
        }
        else
        {
            state.InTransaction.AddRange(state.Saving);
        }
        state.Saving.Clear();
    }

    private void Committed(DbContext? context)
    {
        if (Of(context) is not { InTransaction.Count: > 0 } state) return;
        notifier.Publish(state.InTransaction);
        state.InTransaction.Clear();
    }

    private Pending? Of(DbContext? context) => context is not null && pending.TryGetValue(context, out var state) ? state : null;

    private sealed class Pending
    {
        public List<VisitId> Saving { get; } = [];
        public List<VisitId> InTransaction { get; } = [];
    }
}
