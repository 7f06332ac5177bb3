using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Common.Validation;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Launch.SearchLaunchRecords;

/// <summary>
/// The launch records page: every launch step EpicZoom recorded, latest first, by CSN, tenant, launch type, outcome
/// (an EZ-L code, "OK", or failures only) and date range (<see cref="FromUtc"/> inclusive, <see cref="ToUtc"/> exclusive).
/// </summary>
[Authorize(Roles = AppRoles.Everyone)]
public sealed record SearchLaunchRecordsQuery(
    string? Csn = null,
    Guid? TenantId = null,
    LaunchType? Type = null,
    string? Outcome = null,
    bool FailuresOnly = false,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    int Skip = 0,
    int Take = 50) : IRequest<LaunchRecordPageDto>
{
    /// <summary>Matches are counted up to this many, so a count never reads a year of launches.</summary>
    public const int MaxTotal = 10_000;
}

public sealed record LaunchRecordPageDto(IReadOnlyList<LaunchRecordDto> Items, int Total, bool TotalIsCapped);

/// <summary>
/// One launch step. <see cref="UpstreamMs"/> is the time spent waiting on Epic and Zoom, <see cref="OwnMs"/> the rest
/// (EpicZoom's own work). <see cref="Detail"/> is what IT needs about a failure, e.g. Epic's error_description; never PHI.
/// </summary>
public sealed record LaunchRecordDto(
    Guid Id, DateTime AtUtc, string TenantName, string? Type, string? Csn, string Step, string Code, bool Failed,
    int DurationMs, int UpstreamMs, int OwnMs, IReadOnlyList<UpstreamCallDto> UpstreamCalls, string? Detail, string? Notes)
{
    /// <summary>What the person launching saw for <see cref="Code"/> (null for OK or a code without a text).</summary>
    public string? Meaning { get; init; }
}

/// <summary>One kind of call to Epic or Zoom, e.g. ("Epic", "epic.smart.token.code", 1).</summary>
public sealed record UpstreamCallDto(string System, string Operation, int Count);

public sealed class SearchLaunchRecordsQueryValidator : AbstractValidator<SearchLaunchRecordsQuery>
{
    public const int MaxTake = 500;
    private static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Latest = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public SearchLaunchRecordsQueryValidator()
    {
        RuleFor(q => q.Csn).MaximumLength(LaunchRecordLimits.CsnLength).NoControlCharacters();
        RuleFor(q => q.Outcome).MaximumLength(LaunchRecordLimits.OutcomeLength)
            .Matches("^[A-Za-z0-9:_ -]*$").WithMessage("Enter an outcome such as OK or an error code such as EZ-L012.");
        RuleFor(q => q.Type).IsInEnum();
        RuleFor(q => q.Skip).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Take).InclusiveBetween(1, MaxTake);
        RuleFor(q => q.FromUtc).InclusiveBetween(Earliest, Latest).WithMessage("Enter a start date between 2000-01-01 and 2099-12-31.");
        RuleFor(q => q.ToUtc).InclusiveBetween(Earliest, Latest).WithMessage("Enter an end date between 2000-01-01 and 2099-12-31.");
        RuleFor(q => q.ToUtc).GreaterThan(q => q.FromUtc).When(q => q.FromUtc is not null && q.ToUtc is not null)
            .WithMessage("The end of the date range is before its start.");
    }
}

internal static class LaunchRecordLimits
{
    public const int CsnLength = 100;
    public const int OutcomeLength = 40;
}

internal sealed class SearchLaunchRecordsQueryHandler(IAppDbContext db) : IRequestHandler<SearchLaunchRecordsQuery, LaunchRecordPageDto>
{
    public async Task<LaunchRecordPageDto> Handle(SearchLaunchRecordsQuery request, CancellationToken cancellationToken)
    {
        var query = Filter(db.LaunchRecords.AsNoTracking(), request);
        // Latest first on the AtUtc index; the id orders records of one instant so pages never overlap.
        var ordered = query.OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id);
        var counted = await ordered.Take(SearchLaunchRecordsQuery.MaxTotal + 1).CountAsync(cancellationToken);
        var page = await ordered.Skip(request.Skip).Take(request.Take).ToListAsync(cancellationToken);
        var tenantIds = page.Where(r => r.TenantId is not null).Select(r => r.TenantId!.Value).Distinct().ToList();
        var names = await db.Tenants.AsNoTracking().Where(t => tenantIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var capped = counted > SearchLaunchRecordsQuery.MaxTotal;
        return new LaunchRecordPageDto(
            page.Select(r => ToDto(r, r.TenantId is { } id ? names.GetValueOrDefault(id, "(deleted)") : "(unknown)")).ToList(),
            capped ? SearchLaunchRecordsQuery.MaxTotal : counted, capped);
    }

    internal static IQueryable<LaunchRecord> Filter(IQueryable<LaunchRecord> query, SearchLaunchRecordsQuery request)
    {
        if (!string.IsNullOrWhiteSpace(request.Csn))
        {
            var csn = request.Csn.Trim();
            query = query.Where(r => r.Csn == csn);
        }
        if (request.TenantId is { } tenant)
        {
            var tenantId = new TenantId(tenant);
            query = query.Where(r => r.TenantId == tenantId);
        }
        if (request.Type is { } type) query = query.Where(r => r.LaunchType == type);
        if (!string.IsNullOrWhiteSpace(request.Outcome))
        {
            var outcome = request.Outcome.Trim();
            // "EZ-L012" finds it at any step; "callback:EZ-L012" only at that step.
            if (outcome.Contains(':', StringComparison.Ordinal)) query = query.Where(r => r.Outcome == outcome);
            else
            {
                var suffix = ":" + outcome;
                query = query.Where(r => r.Outcome == outcome || r.Outcome.EndsWith(suffix));
            }
        }
        if (request.FailuresOnly)
        {
            const string okSuffix = ":" + LaunchOutcomes.Ok;
            query = query.Where(r => r.Outcome != LaunchOutcomes.Ok && !r.Outcome.EndsWith(okSuffix));
        }
        if (request.FromUtc is { } from) query = query.Where(r => r.AtUtc >= from);
        if (request.ToUtc is { } to) query = query.Where(r => r.AtUtc < to);
        return query;
    }

    private static LaunchRecordDto ToDto(LaunchRecord r, string tenantName)
    {
        var (step, code) = LaunchOutcomes.Parse(r.Outcome);
        var upstream = Math.Clamp(r.UpstreamMs, 0, r.DurationMs);
        return new LaunchRecordDto(r.Id, r.AtUtc, tenantName, r.LaunchType?.ToString(), r.Csn, step ?? "launch", code, code != LaunchOutcomes.Ok,
            r.DurationMs, upstream, r.DurationMs - upstream, ParseCalls(r.UpstreamCalls), r.Detail, r.Notes)
        {
            Meaning = LaunchErrors.All.FirstOrDefault(e => e.Code == code)?.Message,
        };
    }

    /// <summary>"epic.smart.token.code=1 zoom.meetings.get=2" as one entry per operation; anything unreadable is skipped.</summary>
    internal static IReadOnlyList<UpstreamCallDto> ParseCalls(string summary) =>
        summary.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0].Length > 0 && int.TryParse(kv[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(kv => new UpstreamCallDto(SystemOf(kv[0]), kv[0], int.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    private static string SystemOf(string operation) => operation.Split('.', 2)[0].ToLowerInvariant() switch
    {
        "epic" => "Epic",
        "zoom" => "Zoom",
        "sms" => "SMS",
        _ => "other",
    };
}
