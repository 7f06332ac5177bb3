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
/// Delivers due status reports to Epic. Rows are claimed with a lease (one conditional UPDATE per batch) so several
/// instances never send the same row at once; a crash after sending but before saving means the lease runs out and
/// the row is sent again — a repeat, never a loss. A participant's reports go strictly in order. Returns how many
/// records it attempted: the worker takes the next batch at once while there are any, and waits when there are none.
/// </summary>
public sealed record DispatchNotificationsCommand(string Owner, int BatchSize = 10) : IRequest<int>, IBackgroundRequest;

internal sealed partial class DispatchNotificationsCommandHandler(
    IAppDbContext db, IEpicTelehealthApi telehealth, TenantConnections connections, NotificationSettings settings, TimeProvider clock,
    EpicZoomMetrics metrics, Alerts.Common.Alerts alerts, ILogger<DispatchNotificationsCommandHandler> logger)
    : IRequestHandler<DispatchNotificationsCommand, int>
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(30);

    public async Task<int> Handle(DispatchNotificationsCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Due, free, and first in line for its participant: no earlier connection report of the same person is still
        // pending. Device-test results are not part of that line: they neither wait nor hold up a green light.
        var due = db.NotificationRecords.Where(r => r.Status == NotificationStatus.Pending && r.NextAttemptAtUtc <= now
            && (r.LeaseExpiresAtUtc == null || r.LeaseExpiresAtUtc < now)
            && (r.Kind == NotificationKind.DeviceTest
                || !db.NotificationRecords.Any(e => e.ParticipantId == r.ParticipantId && e.Sequence < r.Sequence
                    && e.Kind != NotificationKind.DeviceTest && e.Status == NotificationStatus.Pending)));
        var candidates = await due.OrderBy(r => r.NextAttemptAtUtc).Select(r => r.Id).Take(request.BatchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0) return 0;

        var leaseUntil = now + settings.DispatchLease;
        await db.NotificationRecords
            .Where(r => candidates.Contains(r.Id) && r.Status == NotificationStatus.Pending && (r.LeaseExpiresAtUtc == null || r.LeaseExpiresAtUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, request.Owner).SetProperty(r => r.LeaseExpiresAtUtc, leaseUntil), cancellationToken);
        db.DiscardChanges();
        var claimed = await db.NotificationRecords.Include(r => r.Attempts)
            .Where(r => candidates.Contains(r.Id) && r.LeaseOwner == request.Owner && r.LeaseExpiresAtUtc == leaseUntil)
            .OrderBy(r => r.Sequence).ToListAsync(cancellationToken);

        var tenants = new Dictionary<TenantId, (Tenant Tenant, TelehealthConnection Connection)>();
        var attempted = new List<(Guid TenantId, Guid RecordId, string Kind, int RespCode, NotificationStatus Status)>();
        foreach (var record in claimed)
        {
            if (!tenants.TryGetValue(record.TenantId, out var target))
            {
                var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == record.TenantId, cancellationToken);
                tenants[record.TenantId] = target = (tenant, connections.Telehealth(tenant));
            }
            // Linked to the webhook processing that wrote the record; the call to Epic is this span's child.
            using var activity = EpicZoomTelemetry.StartLinked("epic.report dispatch", [record.TraceParent]);
            activity?.SetTag(EpicZoomTelemetry.TenantTag, record.TenantId.Value.ToString());
            activity?.SetTag(EpicZoomTelemetry.RecordTag, record.Id.ToString());
            activity?.SetTag(EpicZoomTelemetry.KindTag, record.Kind.ToString());
            TelehealthResponse response;
            try
            {
                response = record.Kind == NotificationKind.DeviceTest
                    ? await telehealth.SetDeviceTestResultAsync(target.Connection, target.Tenant.Epic.DeviceTestReportPath, record.Payload ?? "{}", cancellationToken)
                    : await telehealth.SetExternalConnectionStatusAsync(target.Connection,
                        new ConnectionStatusReport(record.Csn, record.ExternalId, record.ExternalIdType, target.Tenant.Epic.VendorName, record.StatusCode),
                        cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                response = new TelehealthResponse(0, TimeSpan.Zero, $"EpicZoom could not send the report ({ex.GetType().Name}).");
            }
            record.RecordAttempt(response.StatusCode, response.Duration, response.Excerpt, clock.GetUtcNow().UtcDateTime, RetryDelay(record.AttemptCount + 1),
                settings.RetryWindow);
            // Ids only: the record's CSN and Epic id are PHI.
            if (response.StatusCode is >= 400 and < 500) LogEpicRefused(record.TenantId.Value, record.Id, response.StatusCode, record.AttemptCount);
            if (record.Status == NotificationStatus.Failed) LogFailed(record.TenantId.Value, record.Id, record.AttemptCount, response.StatusCode);
            activity?.SetTag(EpicZoomTelemetry.RespCodeTag, response.StatusCode);
            activity?.SetTag(EpicZoomTelemetry.OutcomeTag, record.Status.ToString());
            if (response.StatusCode != 200) activity?.SetStatus(ActivityStatusCode.Error, $"RespCode {response.StatusCode}");
            attempted.Add((record.TenantId.Value, record.Id, record.Kind.ToString(), response.StatusCode, record.Status));
        }
        // One commit for the batch: a batch holds at most one record per participant (a later one waits for the earlier),
        // so order is kept; a crash before this commit resends the batch when its leases run out — repeats, never losses.
        // Few commits matter on SQLite, where every commit takes the database's only write lock.
        await db.SaveChangesAsync(CancellationToken.None);

        // Counted once saved: a batch that is not saved is sent again and counted then.
        foreach (var (tenantId, recordId, kind, respCode, status) in attempted)
        {
            metrics.ReportAttempted(tenantId, kind, respCode, status == NotificationStatus.Delivered, status == NotificationStatus.Failed);
            alerts.EpicAnswered(tenantId, respCode);
            if (status == NotificationStatus.Failed)
                alerts.Raise(AlertConditions.ReportFailed, tenantId.ToString(),
                    $"EpicZoom: a status report to Epic failed for tenant {tenantId} (notification record {recordId}, last RespCode {respCode}): not delivered within its retry window. Replay it from Notification records once the cause is fixed.");
        }
        return claimed.Count;
    }

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
}
