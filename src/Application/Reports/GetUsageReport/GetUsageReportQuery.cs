using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Reports.GetUsageReport;

/// <summary>
/// The usage report of one tenant (or all) over whole UTC days <see cref="From"/>..<see cref="To"/> (both included;
/// by default the last 30 days up to today): visits per day, visit duration, patient wait, no-shows, launches by type.
/// See <see cref="UsageStatistics"/> for what each figure counts.
/// </summary>
[Authorize(Roles = AppRoles.Everyone)]
public sealed record GetUsageReportQuery(Guid? TenantId = null, DateOnly? From = null, DateOnly? To = null) : IRequest<UsageReportDto>
{
    public const int DefaultDays = 30;

    /// <summary>A year (leap or not): every figure is computed over rows of the range, so the range is bounded.</summary>
    public const int MaxDays = 366;

    /// <summary>More visits or launches than this in one range are not read: the report says it stopped there.</summary>
    public const int MaxRows = 200_000;

    public (DateOnly From, DateOnly To) Range(DateOnly today)
    {
        var to = To ?? today;
        return (From ?? to.AddDays(-(DefaultDays - 1)), to);
    }
}

public sealed class GetUsageReportQueryValidator : AbstractValidator<GetUsageReportQuery>
{
    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2099, 12, 31);

    public GetUsageReportQueryValidator()
    {
        RuleFor(q => q.From).InclusiveBetween(Earliest, Latest).WithMessage("Enter a start date between 2000-01-01 and 2099-12-31.");
        RuleFor(q => q.To).InclusiveBetween(Earliest, Latest).WithMessage("Enter an end date between 2000-01-01 and 2099-12-31.");
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("The end of the date range is before its start.");
        RuleFor(q => q.To).Must((q, to) => to!.Value.DayNumber - q.From!.Value.DayNumber < GetUsageReportQuery.MaxDays)
            .When(q => q.From is not null && q.To is not null && q.To >= q.From)
            .WithMessage($"A report covers at most {GetUsageReportQuery.MaxDays} days: choose a shorter range.");
    }
}

internal sealed class GetUsageReportQueryHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<GetUsageReportQuery, UsageReportDto>
{
    public async Task<UsageReportDto> Handle(GetUsageReportQuery request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (from, to) = request.Range(DateOnly.FromDateTime(now));
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        TenantId? tenantId = request.TenantId is { } t ? new TenantId(t) : null;

        var visits = await VisitFactsIn(db, start, end, tenantId).ToListAsync(cancellationToken);
        var launches = await LaunchFactsIn(db, start, end, tenantId).ToListAsync(cancellationToken);

        var truncated = visits.Count > GetUsageReportQuery.MaxRows || launches.Count > GetUsageReportQuery.MaxRows;
        if (visits.Count > GetUsageReportQuery.MaxRows) visits.RemoveAt(GetUsageReportQuery.MaxRows);
        if (launches.Count > GetUsageReportQuery.MaxRows) launches.RemoveAt(GetUsageReportQuery.MaxRows);
        return UsageStatistics.Compute(request.TenantId, from, to, now, visits, launches) with { Truncated = truncated };
    }

    // Day buckets are made in C#, not SQL: "the UTC day of a timestamp" is spelt differently by SQLite, PostgreSQL and
    // SQL Server (and not at all through a value converter), while a narrow projection of a bounded range is a few MB
    // at most. The per-visit subqueries are MIN()s, which all three translate (tests prove it on each provider).
    internal static IQueryable<VisitFacts> VisitFactsIn(IAppDbContext db, DateTime start, DateTime end, TenantId? tenantId)
    {
        var visits = db.VideoVisits.AsNoTracking().Where(v => v.CreatedAtUtc >= start && v.CreatedAtUtc < end && v.ZoomMeetingId != null);
        if (tenantId is { } id) visits = visits.Where(v => v.TenantId == id);
        return visits.OrderBy(v => v.CreatedAtUtc).Take(GetUsageReportQuery.MaxRows + 1)
            .Select(v => new VisitFacts(
                v.CreatedAtUtc,
                v.HostJoinedAtUtc,
                v.EndedAtUtc,
                v.Participants.Where(p => p.Role == ParticipantRole.Patient).Min(p => (DateTime?)p.FirstLaunchedAtUtc),
                v.Participants.Where(p => p.Role == ParticipantRole.Patient).SelectMany(p => p.Sessions)
                    .Min(s => s.LastLeftJoinedAtUtc ?? s.LastJoinedAtUtc)));
    }

    internal static IQueryable<LaunchFacts> LaunchFactsIn(IAppDbContext db, DateTime start, DateTime end, TenantId? tenantId)
    {
        var launches = db.LaunchRecords.AsNoTracking().Where(l => l.AtUtc >= start && l.AtUtc < end);
        if (tenantId is { } id) launches = launches.Where(l => l.TenantId == id);
        return launches.OrderBy(l => l.AtUtc).Take(GetUsageReportQuery.MaxRows + 1).Select(l => new LaunchFacts(l.AtUtc, l.LaunchType, l.Outcome));
    }
}

/// <summary>What the report needs of one visit (no ids, no names).</summary>
internal sealed record VisitFacts(DateTime CreatedAtUtc, DateTime? HostJoinedAtUtc, DateTime? EndedAtUtc, DateTime? PatientLaunchedAtUtc, DateTime? PatientJoinedAtUtc);

internal sealed record LaunchFacts(DateTime AtUtc, LaunchType? Type, string Outcome);
