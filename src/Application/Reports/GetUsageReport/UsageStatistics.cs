using EpicZoom.Application.Dashboard.GetDashboard;
using EpicZoom.Application.Launch.SearchLaunchRecords;
using EpicZoom.Domain.Launch;

namespace EpicZoom.Application.Reports.GetUsageReport;

/// <summary>
/// The report's definitions, in one place (the page's help text says the same):
/// <list type="bullet">
/// <item>A visit is a visit that got its Zoom meeting, counted on the UTC day it was opened.</item>
/// <item>Visit duration: from the host starting the meeting (their first join) to Zoom's meeting.ended.</item>
/// <item>Patient wait: from the patient's first launch (EpicZoom's waiting page, then Zoom's waiting room) to when they
/// were in the meeting with the host: the later of the host's start and the patient's first join to the meeting (Zoom
/// reports that join when the host admits them). Only visits where both joined count.</item>
/// <item>No-show: a visit the patient never joined, once it is over (ended, or opened more than
/// <see cref="SettledAfter"/> ago: the dashboard's rule for an abandoned visit).</item>
/// <item>Launches: each launch once, where it ended: completed at its last step's OK, failed at its first error.</item>
/// </list>
/// </summary>
internal static class UsageStatistics
{
    public static readonly TimeSpan SettledAfter = TimeSpan.FromHours(24);

    private static readonly (string Label, double UpToMinutes)[] DurationBuckets =
        [("< 5 min", 5), ("5–15 min", 15), ("15–30 min", 30), ("30–60 min", 60), ("≥ 60 min", double.PositiveInfinity)];

    private static readonly (string Label, double UpToMinutes)[] WaitBuckets =
        [("< 1 min", 1), ("1–5 min", 5), ("5–10 min", 10), ("10–20 min", 20), ("≥ 20 min", double.PositiveInfinity)];

    public static UsageReportDto Compute(Guid? tenantId, DateOnly from, DateOnly to, DateTime nowUtc,
        IReadOnlyList<VisitFacts> visits, IReadOnlyList<LaunchFacts> launches)
    {
        var measured = visits.Select(v => new
        {
            Day = DateOnly.FromDateTime(v.CreatedAtUtc),
            Duration = Duration(v),
            Wait = PatientWait(v),
            NoShow = IsNoShow(v, nowUtc),
        }).ToList();
        var ended = launches.Where(l => LaunchOutcomes.EndsLaunch(l.Outcome))
            .Select(l => new { Day = DateOnly.FromDateTime(l.AtUtc), l.Type, Ok = LaunchOutcomes.IsOk(l.Outcome) }).ToList();

        var visitsByDay = measured.ToLookup(v => v.Day);
        var launchesByDay = ended.ToLookup(l => l.Day);
        var days = new List<UsageDayDto>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var dv = visitsByDay[day].ToList();
            var durations = dv.Where(v => v.Duration is not null).Select(v => v.Duration!.Value).ToList();
            var waits = dv.Where(v => v.Wait is not null).Select(v => v.Wait!.Value).ToList();
            var dl = launchesByDay[day].ToList();
            days.Add(new UsageDayDto(day, dv.Count, dv.Count(v => v.NoShow), durations.Count, Median(durations), waits.Count, Median(waits),
                dl.Count(l => l.Ok), dl.Count(l => !l.Ok)));
        }

        var byType = ended.GroupBy(l => l.Type)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key)
            .Select(g => new LaunchTypeCountDto(g.Key?.ToString() ?? "unknown", g.Count(l => l.Ok), g.Count(l => !l.Ok)));
        // Every launch type is on the chart, also those with none, so the bars keep their places between reports.
        var launchTypes = LaunchTypes.All.Select(t => byType.FirstOrDefault(b => b.Type == t.ToString()) ?? new LaunchTypeCountDto(t.ToString(), 0, 0))
            .Concat(byType.Where(b => b.Type == "unknown")).ToList();

        return new UsageReportDto(tenantId, from, to, nowUtc, days, measured.Count, measured.Count(v => v.NoShow),
            Summary(measured.Where(v => v.Duration is not null).Select(v => v.Duration!.Value).ToList(), DurationBuckets),
            Summary(measured.Where(v => v.Wait is not null).Select(v => v.Wait!.Value).ToList(), WaitBuckets),
            launchTypes);
    }

    /// <summary>Minutes from the host's start to the meeting's end; null while it runs or when it never started.</summary>
    internal static double? Duration(VisitFacts v) =>
        v.HostJoinedAtUtc is { } started && v.EndedAtUtc is { } ended && ended >= started ? (ended - started).TotalMinutes : null;

    /// <summary>Minutes from the patient's first launch to being in the meeting with the host; null unless both joined.</summary>
    internal static double? PatientWait(VisitFacts v)
    {
        if (v.PatientLaunchedAtUtc is not { } arrived || v.PatientJoinedAtUtc is not { } joined || v.HostJoinedAtUtc is not { } host) return null;
        var together = joined > host ? joined : host;
        return Math.Max(0, (together - arrived).TotalMinutes);
    }

    internal static bool IsNoShow(VisitFacts v, DateTime nowUtc) =>
        v.PatientJoinedAtUtc is null && (v.EndedAtUtc is not null || v.CreatedAtUtc <= nowUtc - SettledAfter);

    private static DurationSummaryDto Summary(List<double> minutes, (string Label, double UpToMinutes)[] buckets)
    {
        var counts = buckets.Select((b, i) => new DurationBucketDto(b.Label,
            minutes.Count(m => m < b.UpToMinutes && (i == 0 || m >= buckets[i - 1].UpToMinutes)))).ToList();
        return new DurationSummaryDto(minutes.Count, Median(minutes), Round(GetDashboardQueryHandler.Percentile([.. minutes], 0.9)), counts);
    }

    private static double? Median(List<double> minutes) => Round(GetDashboardQueryHandler.Percentile([.. minutes], 0.5));

    private static double? Round(double? minutes) => minutes is { } m ? Math.Round(m, 1) : null;
}
