namespace EpicZoom.Application.Reports.GetUsageReport;

/// <summary>One report; every day of the range is in <see cref="Days"/>, also the empty ones. <see cref="Truncated"/>: the range held more rows than were read.</summary>
public sealed record UsageReportDto(
    Guid? TenantId,
    DateOnly From,
    DateOnly To,
    DateTime AtUtc,
    IReadOnlyList<UsageDayDto> Days,
    int Visits,
    int NoShows,
    DurationSummaryDto VisitDuration,
    DurationSummaryDto PatientWait,
    IReadOnlyList<LaunchTypeCountDto> LaunchesByType)
{
    public bool Truncated { get; init; }
}

/// <summary>One UTC day: visits created that day, their no-shows, durations and waits, and launches that ended that day.</summary>
public sealed record UsageDayDto(
    DateOnly Day, int Visits, int NoShows, int TimedVisits, double? MedianVisitMinutes, int PatientWaits, double? MedianPatientWaitMinutes,
    int LaunchesCompleted, int LaunchesFailed);

/// <summary>How long something took over the range, in minutes, with a histogram in <see cref="Buckets"/>.</summary>
public sealed record DurationSummaryDto(int Count, double? MedianMinutes, double? P90Minutes, IReadOnlyList<DurationBucketDto> Buckets);

public sealed record DurationBucketDto(string Label, int Count);

/// <summary>Launches of one type: ended with the visit open (<see cref="Completed"/>) or with an error (<see cref="Failed"/>). Type null: the launch failed before its type was known.</summary>
public sealed record LaunchTypeCountDto(string Type, int Completed, int Failed);
