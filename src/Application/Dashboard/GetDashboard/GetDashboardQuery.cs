using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Domain.Notifications;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Dashboard.GetDashboard;

/// <summary>The portal's home page: today's visits, how the green lights reached Epic in the last 24 hours, launches by outcome, and what needs an admin.</summary>
[Authorize(Roles = AppRoles.Everyone)]
public sealed record GetDashboardQuery : IRequest<DashboardDto>;

public sealed record DashboardDto(
    DateTime AtUtc,
    int VisitsToday,
    int LiveNow,
    DeliveryHealthDto Delivery,
    IReadOnlyList<LaunchOutcomeCountDto> Launches,
    int FailedRecords,
    int WebhookEventsNeedingAttention)
{
    /// <summary>Each tenant's Epic and Zoom as the last background probe found them (a minute old at most); empty until the first probe.</summary>
    public IReadOnlyList<TenantReachDto> Reachability { get; init; } = [];
}

/// <summary>A tenant's connection status chip: reachable, or what failed (a code or HTTP status, never a URL).</summary>
public sealed record TenantReachDto(Guid TenantId, string TenantName, DateTime CheckedAtUtc, string? EpicProblem, string? ZoomProblem)
{
    public bool AllReachable => EpicProblem is null && ZoomProblem is null;
}

/// <summary>Reports of the last 24 hours by status; <see cref="P95Seconds"/> is the time from the Zoom event to Epic's 200, null when none was delivered.</summary>
public sealed record DeliveryHealthDto(int Delivered, int Pending, int Failed, double? P95Seconds);

/// <summary>Launches of the last 24 hours with one outcome: "OK" or an EZ-L error code.</summary>
public sealed record LaunchOutcomeCountDto(string Outcome, int Count);

internal sealed class GetDashboardQueryHandler(IAppDbContext db, Monitoring.Common.TenantReachability reachability, TimeProvider clock)
    : IRequestHandler<GetDashboardQuery, DashboardDto>
{
    /// <summary>Enough delivered reports for a stable p95 without reading a busy day's every row.</summary>
    private const int MaxLatencySample = 20_000;

    public async Task<DashboardDto> Handle(GetDashboardQuery request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = now.Date;
        var since = now.AddHours(-24);

        var visitsToday = await db.VideoVisits.CountAsync(v => v.CreatedAtUtc >= today, cancellationToken);
        // A visit whose host never left but that started more than a day ago was abandoned, not live.
        var liveNow = await db.VideoVisits.CountAsync(v => v.HostJoinedAtUtc != null && v.EndedAtUtc == null && v.CreatedAtUtc >= since, cancellationToken);

        var recent = db.NotificationRecords.Where(r => r.OccurredAtUtc >= since);
        var byStatus = await recent.GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var delays = await recent.Where(r => r.Status == NotificationStatus.Delivered && r.DeliveredAtUtc != null)
            .OrderByDescending(r => r.OccurredAtUtc).Take(MaxLatencySample)
            .Select(r => new { r.OccurredAtUtc, r.DeliveredAtUtc }).ToListAsync(cancellationToken);
        var delivery = new DeliveryHealthDto(
            Count(NotificationStatus.Delivered), Count(NotificationStatus.Pending), Count(NotificationStatus.Failed),
            Percentile(delays.Select(d => Math.Max(0, (d.DeliveredAtUtc!.Value - d.OccurredAtUtc).TotalSeconds)).ToList(), 0.95));

        var launches = (await db.LaunchRecords.Where(l => l.AtUtc >= since).GroupBy(l => l.Outcome)
                .Select(g => new { Outcome = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .OrderByDescending(l => l.Outcome == "OK").ThenByDescending(l => l.Count).ThenBy(l => l.Outcome, StringComparer.Ordinal)
            .Select(l => new LaunchOutcomeCountDto(l.Outcome, l.Count)).ToList();

        var failed = await db.NotificationRecords.CountAsync(r => r.Status == NotificationStatus.Failed, cancellationToken);
        var stuck = await db.WebhookEvents.CountAsync(e => e.NeedsAttentionSinceUtc != null, cancellationToken);
        var reach = reachability.All.OrderBy(r => r.AllReachable).ThenBy(r => r.TenantName, StringComparer.OrdinalIgnoreCase)
            .Select(r => new TenantReachDto(r.TenantId, r.TenantName, r.CheckedAtUtc, r.EpicProblem, r.ZoomProblem)).ToList();
        return new DashboardDto(now, visitsToday, liveNow, delivery, launches, failed, stuck) { Reachability = reach };

        int Count(NotificationStatus status) => byStatus.FirstOrDefault(s => s.Status == status)?.Count ?? 0;
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    internal static double? Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var rank = (int)Math.Ceiling(p * values.Count);
        return values[Math.Clamp(rank - 1, 0, values.Count - 1)];
    }
}
