using System.Diagnostics;
using EpicZoom.Application.Alerts.Common;
using EpicZoom.Application.Common.Diagnostics;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Notifications.Common;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Tenants;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Application.Notifications.DispatchNotifications;

/// <summary>
/// Delivers due status reports to Epic. Rows are claimed with a lease (<see cref="INotificationClaims"/>) so several
/// instances never send the same row at once; a crash after sending but before saving means the lease runs out and
/// the row is sent again — a repeat, never a loss. A participant's reports go strictly in order: a claim holds at most
/// one of a person's connection reports, so the batch is sent concurrently across people (at most
/// <see cref="NotificationSettings.EpicConcurrencyPerTenant"/> calls to one tenant at once), the answers are applied on
/// one thread and committed once. A tenant whose Epic is down costs one probe at a time, not an attempt per report
/// (<see cref="EpicOutages"/>). Returns how many records it claimed: the worker takes the next batch at once while
/// batches come back full, and waits when they do not.
/// </summary>
public sealed record DispatchNotificationsCommand(string Owner, int BatchSize = DispatchNotificationsCommand.DefaultBatchSize) : IRequest<int>, IBackgroundRequest
{
    public const int DefaultBatchSize = 100;
}

internal sealed partial class DispatchNotificationsCommandHandler(
    IAppDbContext db, INotificationClaims claims, IEpicTelehealthApi telehealth, TenantConnections connections, NotificationSettings settings,
    EpicOutages outages, EpicCallLimiter limiter, IWorkSignal signal, TimeProvider clock, EpicZoomMetrics metrics, Alerts.Common.Alerts alerts,
    ILogger<DispatchNotificationsCommandHandler> logger)
    : IRequestHandler<DispatchNotificationsCommand, int>
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(30);

    public async Task<int> Handle(DispatchNotificationsCommand request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseUntil = now + settings.DispatchLease;
        // Probes first: taking one holds its tenant until the next probe time, so the batch leaves the tenant out.
        var claimed = new List<NotificationRecord>();
        var probes = new HashSet<Guid>();
        foreach (var tenant in outages.TakeProbesDue())
        {
            // The tenant's first report in line is the probe; the others wait for its answer.
            var probe = await claims.ClaimAsync(new DispatchClaim(request.Owner, now, leaseUntil, 1, [], tenant), cancellationToken);
            claimed.AddRange(probe);
            probes.UnionWith(probe.Select(r => r.Id));
        }
        claimed.AddRange(await claims.ClaimAsync(new DispatchClaim(request.Owner, now, leaseUntil, request.BatchSize, outages.Held()), cancellationToken));
        if (claimed.Count == 0) return 0;

        var ids = claimed.Select(r => r.TenantId).Distinct().ToList();
        var tenants = (await db.Tenants.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken))
            .ToDictionary(t => t.Id, t => (Tenant: t, Connection: connections.Telehealth(t)));
        var claim = Stopwatch.GetElapsedTime(started);

        // The leases must outlive the batch: what is still unanswered at the deadline is abandoned.
        using var deadline = new CancellationTokenSource(settings.DispatchDeadline, clock);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var changes = new List<(TenantId Tenant, EpicOutages.Change Change, int StatusCode)>();
        var outcomes = await Task.WhenAll(claimed.Select(record =>
            SendAsync(record, tenants[record.TenantId], probes.Contains(record.Id), changes, sending.Token, deadline.Token)));
        cancellationToken.ThrowIfCancellationRequested();
        var send = Stopwatch.GetElapsedTime(started) - claim;

        // One thread from here on: the tracked records and the context are not shared with the sends.
        var attempted = new List<(Guid TenantId, Guid RecordId, string Kind, int RespCode, NotificationStatus Status)>();
        for (var i = 0; i < claimed.Count; i++)
        {
            var record = claimed[i];
            if (outcomes[i] is not { } response)
            {
                record.ReleaseLease();
                continue;
            }
            record.RecordAttempt(response.StatusCode, response.Duration, response.Excerpt, clock.GetUtcNow().UtcDateTime, RetryDelay(record.AttemptCount + 1),
                settings.RetryWindow);
            // Ids only: the record's CSN and Epic id are PHI.
            if (response.StatusCode is >= 400 and < 500 and not 429) LogEpicRefused(record.TenantId.Value, record.Id, response.StatusCode, record.AttemptCount);
            if (record.Status == NotificationStatus.Failed) LogFailed(record.TenantId.Value, record.Id, record.AttemptCount, response.StatusCode);
            attempted.Add((record.TenantId.Value, record.Id, record.Kind.ToString(), response.StatusCode, record.Status));
        }

        var broughtForward = 0;
        foreach (var (tenant, change, statusCode) in changes)
        {
            if (change == EpicOutages.Change.WentDown) LogTenantDown(tenant.Value, statusCode, EpicOutages.FirstProbe.TotalSeconds);
            if (change != EpicOutages.Change.CameBack) continue;
            var waiting = await WaitingOutAnOutage(tenant, now).ToListAsync(cancellationToken);
            foreach (var record in waiting.Where(r => r.Status == NotificationStatus.Pending)) record.RetryNow(now);
            broughtForward += waiting.Count;
            if (waiting.Count > 0) LogTenantBack(tenant.Value, waiting.Count);
        }

        // One commit for the batch: a batch holds at most one record per participant (a later one waits for the earlier),
        // so order is kept; a crash before this commit resends the batch when its leases run out — repeats, never losses.
        // Few commits matter on SQLite, where every commit takes the database's only write lock.
        await db.SaveChangesAsync(CancellationToken.None);
        metrics.WorkBatch("report_dispatch", "batch", claimed.Count, ("claim", claim), ("send", send), ("commit", Stopwatch.GetElapsedTime(started) - claim - send));

        // Counted once saved: a batch that is not saved is sent again and counted then.
        foreach (var (tenantId, recordId, kind, respCode, status) in attempted)
        {
            metrics.ReportAttempted(tenantId, kind, respCode, status == NotificationStatus.Delivered, status == NotificationStatus.Failed);
            alerts.EpicAnswered(tenantId, respCode);
            if (status == NotificationStatus.Failed)
                alerts.Raise(AlertConditions.ReportFailed, tenantId.ToString(),
                    $"EpicZoom: a status report to Epic failed for tenant {tenantId} (notification record {recordId}, last RespCode {respCode}): not delivered within its retry window. Replay it from Notification records once the cause is fixed.");
        }

        if (broughtForward > 0) signal.Notify(WorkKind.Notifications);
        foreach (var tenant in ids)
            if (outages.NextProbeAt(tenant) is { } probeAt) signal.NotifyAt(WorkKind.Notifications, probeAt);
        return claimed.Count;
    }

    /// <summary>
    /// Sends one record when a slot for its tenant is free; null when it was not sent (its tenant went down meanwhile,
    /// or the batch's deadline came first): no attempt is recorded for it, and its lease is given back.
    /// </summary>
    private async Task<TelehealthResponse?> SendAsync(NotificationRecord record, (Tenant Tenant, TelehealthConnection Connection) target, bool probe,
        List<(TenantId, EpicOutages.Change, int)> changes, CancellationToken sending, CancellationToken deadline)
    {
        var slot = limiter.For(record.TenantId);
        try
        {
            await slot.WaitAsync(sending);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return null; // shutting down: the caller stops before anything is applied
        }

        TelehealthResponse response;
        // Linked to the webhook processing that wrote the record; the call to Epic is this span's child.
        using var activity = EpicZoomTelemetry.StartLinked("epic.report dispatch", [record.TraceParent]);
        activity?.SetTag(EpicZoomTelemetry.TenantTag, record.TenantId.Value.ToString());
        activity?.SetTag(EpicZoomTelemetry.RecordTag, record.Id.ToString());
        activity?.SetTag(EpicZoomTelemetry.KindTag, record.Kind.ToString());
        try
        {
            if (!probe && outages.IsDown(record.TenantId)) return null;
            response = record.Kind == NotificationKind.DeviceTest
                ? await telehealth.SetDeviceTestResultAsync(target.Connection, target.Tenant.Epic.DeviceTestReportPath, record.Payload ?? "{}", sending)
                : await telehealth.SetExternalConnectionStatusAsync(target.Connection,
                    new ConnectionStatusReport(record.Csn, record.ExternalId, record.ExternalIdType, target.Tenant.Epic.VendorName, record.StatusCode),
                    sending);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Epic may have the report; if so the retry repeats it, which Epic's status call takes as the same light.
            response = new TelehealthResponse(0, settings.DispatchDeadline, "Epic did not answer before the batch's lease was due to run out.");
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception ex)
        {
            response = new TelehealthResponse(0, TimeSpan.Zero, $"EpicZoom could not send the report ({ex.GetType().Name}).");
        }
        finally
        {
            slot.Release();
        }

        activity?.SetTag(EpicZoomTelemetry.RespCodeTag, response.StatusCode);
        if (response.StatusCode != 200) activity?.SetStatus(ActivityStatusCode.Error, $"RespCode {response.StatusCode}");
        var change = outages.Observe(record.TenantId, response.StatusCode);
        if (change != EpicOutages.Change.None)
            lock (changes) changes.Add((record.TenantId, change, response.StatusCode));
        return response;
    }

    /// <summary>The tenant's pending records whose backoff comes from an outage (no answer, 429 or 5xx) and is not over yet.</summary>
    private IQueryable<NotificationRecord> WaitingOutAnOutage(TenantId tenant, DateTime now) =>
        db.NotificationRecords.Where(r => r.Status == NotificationStatus.Pending && r.NextAttemptAtUtc > now && r.TenantId == tenant
            && (r.LastRespCode == 0 || r.LastRespCode == 429 || r.LastRespCode >= 500));

    /// <summary>Exponential backoff with ±20 % jitter, 5 s doubling to 30 min: retries span the 24 h window without hammering Epic.</summary>
    public static TimeSpan RetryDelay(int attempt)
    {
        var exponential = FirstRetry.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = Math.Min(exponential, LongestRetry.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Epic answered {RespCode} to notification record {RecordId} of tenant {TenantId} (attempt {Attempt}).")]
    private partial void LogEpicRefused(Guid tenantId, Guid recordId, int respCode, int attempt);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Notification record {RecordId} of tenant {TenantId} failed: not delivered within its retry window ({Attempts} attempts, last RespCode {RespCode}). Replay it once the cause is fixed.")]
    private partial void LogFailed(Guid tenantId, Guid recordId, int attempts, int respCode);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Epic of tenant {TenantId} is not answering (RespCode {RespCode}): its status reports wait, and one is sent as a probe every {FirstProbeSeconds} s or more until Epic answers.")]
    private partial void LogTenantDown(Guid tenantId, int respCode, double firstProbeSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Epic of tenant {TenantId} answers again: {Count} status reports waiting out an outage's backoff are due now.")]
    private partial void LogTenantBack(Guid tenantId, int count);
}
