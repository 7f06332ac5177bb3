using System.Runtime.CompilerServices;
using EpicZoom.Application.Webhooks.Common;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EpicZoom.Infrastructure.Webhooks;

/// <summary>
/// Empties the cached webhook secrets whenever a save adds, changes or removes a tenant, whichever command saved it:
/// once before the save (no webhook after it uses the old list) and once after (a list read during the save is dropped).
/// </summary>
internal sealed class TenantChangeInterceptor(WebhookSecrets secrets) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Before(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Before(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        After(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => After(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return Task.CompletedTask;
    }

    private void Before(DbContext? context)
    {
        if (context is null) return;
        if (!context.ChangeTracker.Entries<Tenant>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)) return;
        saving.AddOrUpdate(context, this);
        secrets.Invalidate();
    }

    private void After(DbContext? context)
    {
        if (context is null || !saving.Remove(context)) return;
        secrets.Invalidate();
    }
}
