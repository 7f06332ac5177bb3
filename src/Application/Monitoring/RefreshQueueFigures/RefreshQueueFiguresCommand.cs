using EpicZoom.Application.Alerts.Common;
using EpicZoom.Application.Common.Diagnostics;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Notifications;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Monitoring.RefreshQueueFigures;

/// <summary>
/// Takes the queue figures the gauges show (<see cref="OperationalSnapshot"/>) with four indexed queries, and raises the
/// inbox-lag alert when the oldest unprocessed webhook is older than Alerts:InboxLagSeconds. Sent by a worker every
/// <see cref="OperationalSnapshot.RefreshInterval"/>; a scrape only reads the result.
/// </summary>
public sealed record RefreshQueueFiguresCommand : IRequest<QueueFigures>, IBackgroundRequest;

internal sealed class RefreshQueueFiguresCommandHandler(IAppDbContext db, OperationalSnapshot snapshot, Alerts.Common.Alerts alerts, TimeProvider clock)
    : IRequestHandler<RefreshQueueFiguresCommand, QueueFigures>
{
    public async Task<QueueFigures> Handle(RefreshQueueFiguresCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // An event waiting for an admin is not lag: it is counted on the dashboard as needing attention.
        var waiting = db.WebhookEvents.Where(e => e.ProcessedAtUtc == null && e.NeedsAttentionSinceUtc == null);
        var oldestEvent = await waiting.MinAsync(e => (DateTime?)e.ReceivedAtUtc, cancellationToken);
        var inboxPending = await waiting.LongCountAsync(cancellationToken);
        var pending = db.NotificationRecords.Where(r => r.Status == NotificationStatus.Pending);
        var oldestReport = await pending.MinAsync(r => (DateTime?)r.CreatedAtUtc, cancellationToken);
        var pendingReports = await pending.LongCountAsync(cancellationToken);

        var figures = new QueueFigures(now, Age(oldestEvent), inboxPending, Age(oldestReport), pendingReports);
        snapshot.Update(figures);
        if (oldestEvent is not null && now - oldestEvent.Value > alerts.Thresholds.InboxLag)
            alerts.Raise(AlertConditions.InboxLag, "installation",
                $"EpicZoom: the oldest Zoom webhook event has waited {figures.InboxLagSeconds:0} s to be processed ({inboxPending} waiting; threshold {alerts.Thresholds.InboxLag.TotalSeconds:0} s). Green lights in Epic are late.");
        return figures;

        double Age(DateTime? since) => since is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0;
    }
}
