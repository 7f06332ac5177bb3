using System.Collections.Concurrent;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Application.Visits.GetWaitingStatus;

/// <summary>
/// The fallback for a missed webhook: asks Zoom whether a visit's meeting has started, at most once per
/// <see cref="MinInterval"/> per visit on this instance, with one ask in flight per visit whose outcome every waiting
/// patient of that visit shares. A started meeting marks the host joined in its own scope and commit, which wakes the
/// visit's waiters through <see cref="VisitChangeNotifier"/>. Nobody asks once the host is known to be in.
/// Each check reads the visit first: a host-joined or an end committed by another instance (whose commit woke only
/// its own waiters) wakes this instance's waiters then, so they learn of it within <see cref="MinInterval"/>.
/// The Zoom ask itself is within the tenant's <see cref="ZoomCheckBudget"/>: with many visits waiting, each is asked less
/// often than every <see cref="MinInterval"/> (the webhook is what normally tells; this is the fallback).
/// </summary>
public sealed class MeetingStatusChecks(
    IServiceScopeFactory scopes, VisitChangeNotifier changes, ZoomCheckBudget budget, TimeProvider clock, ILogger<MeetingStatusChecks> logger)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(3);
    private const int MaxRemembered = 50_000;

    private readonly ConcurrentDictionary<VisitId, Check> checks = new();

    /// <summary>Zoom asks made (each a GET meeting): tests and the benchmark read it.</summary>
    public long Asked => Interlocked.Read(ref asked);
    private long asked;

    /// <summary>
    /// The ask in flight or just started for this visit, or the outcome of the one made less than <see cref="MinInterval"/>
    /// ago: true when the visit's answer changed (the meeting was found started and recorded, or the host-joined or
    /// end was already committed). The ask is not tied to one caller's cancellation: others share it.
    /// </summary>
    public Task<bool> AskIfDueAsync(VisitId visitId)
    {
        var now = clock.GetUtcNow();
        while (true)
        {
            if (checks.TryGetValue(visitId, out var previous))
            {
                // In flight, or asked less than MinInterval ago: share that ask's outcome.
                if (!previous.Task.IsCompleted || now - previous.StartedAt < MinInterval) return previous.Task;
                var next = new Check(now);
                if (!checks.TryUpdate(visitId, next, previous)) continue;
                return next.Run(() => AskAsync(visitId));
            }

            if (checks.Count > MaxRemembered) Forget(now);
            var first = new Check(now);
            if (!checks.TryAdd(visitId, first)) continue;
            return first.Run(() => AskAsync(visitId));
        }
    }

    private async Task<bool> AskAsync(VisitId visitId)
    {
        Interlocked.Increment(ref asked);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<IAppDbContext>();
        var visit = await db.VideoVisits.SingleOrDefaultAsync(v => v.Id == visitId);
        if (visit is null) return false;
        if (visit.HostHasJoined || visit.EndedAtUtc is not null)
        {
            // Committed elsewhere (another instance, or an update that bypassed the change tracker): tell the waiters here.
            changes.Publish([visitId]);
            return true;
        }
        if (!visit.HasMeeting || !budget.TryTake(visit.TenantId)) return false;
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == visit.TenantId);
        var connection = services.GetRequiredService<TenantConnections>().Zoom(tenant);
        ZoomMeeting? meeting;
        try
        {
            meeting = await services.GetRequiredService<IZoomApi>().GetMeetingAsync(connection, visit.ZoomMeetingId!.Value, CancellationToken.None);
        }
        catch (ZoomApiException ex) when (ex.HttpStatus == 429)
        {
            budget.Exhausted(visit.TenantId);
            throw;
        }
        if (meeting?.Status != "started") return false;
        visit.MarkHostJoined(clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A launch or the webhook changed the visit meanwhile (its Version): the next check sees what they wrote.
            return false;
        }
        logger.LogInformation("Zoom says the meeting of visit {VisitId} has started; its waiting patients are told", visitId.Value);
        return true;
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (id, check) in checks)
        {
            if (check.Task.IsCompleted && now - check.StartedAt >= MinInterval) checks.TryRemove(new KeyValuePair<VisitId, Check>(id, check));
        }
    }

    private sealed class Check(DateTimeOffset startedAt)
    {
        private readonly TaskCompletionSource<bool> done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTimeOffset StartedAt { get; } = startedAt;

        public Task<bool> Task => done.Task;

        public Task<bool> Run(Func<Task<bool>> ask)
        {
            _ = System.Threading.Tasks.Task.Run(async () =>
            {
                try { done.TrySetResult(await ask()); }
                catch (Exception ex) { done.TrySetException(ex); }
            });
            return done.Task;
        }
    }
}
