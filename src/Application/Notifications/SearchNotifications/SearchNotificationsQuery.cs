using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Domain.Notifications;
using EpicZoom.Application.Common.Validation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Notifications.SearchNotifications;

/// <summary>
/// The troubleshooting screen's search (the seed's "Notification Records"): by Zoom meeting ID or Epic CSN, date range,
/// participant, status, RespCode or tenant; newest first (OccurredAtUtc, then CreatedAtUtc, then Id), paged on the server
/// by keyset: <see cref="After"/> is the <see cref="NotificationPageDto.NextCursor"/> of the page before (the rows older
/// than its last row), <see cref="Before"/> the <see cref="NotificationPageDto.PreviousCursor"/> of the page after (the
/// rows newer than its first row); neither is the first page. A deep page costs what the first does: every filter's index
/// is read from the cursor on, in the page's order, instead of skipping rows.
/// </summary>
[Authorize(Roles = AppRoles.Everyone)]
public sealed record SearchNotificationsQuery(
    string? MeetingIdOrCsn = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    string? Participant = null,
    NotificationStatus? Status = null,
    int? RespCode = null,
    int Take = 50,
    Guid? TenantId = null,
    string? After = null,
    string? Before = null) : IRequest<NotificationPageDto>
{
    /// <summary>Matches are counted up to this many: an exact count reads every match (most of a second for 10 M records on PostgreSQL).</summary>
    public const int MaxTotal = 10_000;

    /// <summary>The dates a search may name: wider than any record, narrow enough that no date arithmetic overflows.</summary>
    public static readonly DateTime EarliestDate = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime LatestDate = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The exclusive end of a range that includes the whole day <paramref name="day"/> (31 Dec 9999 has no next day: max, refused by the validator).</summary>
    public static DateTime? EndOfDay(DateTime? day) => day is not { } d ? null : d.Date < DateTime.MaxValue.Date ? d.AddDays(1) : DateTime.MaxValue;
}

/// <summary>
/// <see cref="Total"/> counts every match of the filters (not only those past the cursor) exactly up to
/// <see cref="SearchNotificationsQuery.MaxTotal"/>; beyond that it is MaxTotal and <see cref="TotalIsCapped"/> is set.
/// </summary>
public sealed record NotificationPageDto(IReadOnlyList<NotificationRowDto> Items, int Total)
{
    /// <summary>More than <see cref="Total"/> records match (counting stopped at <see cref="SearchNotificationsQuery.MaxTotal"/>).</summary>
    public bool TotalIsCapped { get; init; }

    /// <summary>The <see cref="SearchNotificationsQuery.After"/> of the next (older) page; null when no older record matches.</summary>
    public string? NextCursor { get; init; }

    /// <summary>The <see cref="SearchNotificationsQuery.Before"/> of the previous (newer) page; null on the first page.</summary>
    public string? PreviousCursor { get; init; }
}

public sealed record NotificationRowDto(
    Guid Id, string TenantName, string Csn, long? ZoomMeetingId, string ParticipantRole, string ExternalId, string Kind,
    DateTime OccurredAtUtc, DateTime CreatedAtUtc, string Status, int AttemptCount, int? LastRespCode,
    DateTime? LastAttemptAtUtc, DateTime? NextAttemptAtUtc, DateTime? DeliveredAtUtc, IReadOnlyList<NotificationAttemptDto> Attempts,
    string StatusCode = "", string? Payload = null, DateTime? ReplayedAtUtc = null);

public sealed record NotificationAttemptDto(int Number, DateTime AttemptedAtUtc, int RespCode, int DurationMs, string ResponseExcerpt);

public sealed class SearchNotificationsQueryValidator : AbstractValidator<SearchNotificationsQuery>
{
    public const int MaxTake = 1000;

    public SearchNotificationsQueryValidator()
    {
        RuleFor(q => q.MeetingIdOrCsn).MaximumLength(100).NoControlCharacters();
        RuleFor(q => q.Participant).MaximumLength(256).NoControlCharacters();
        RuleFor(q => q.After).Must(BeACursor).WithMessage(BadCursor);
        RuleFor(q => q.Before).Must(BeACursor).WithMessage(BadCursor);
        RuleFor(q => q.Before).Null().When(q => q.After is not null).WithMessage("Ask for the page after a record or before one, not both.");
        RuleFor(q => q.Take).InclusiveBetween(1, MaxTake);
        RuleFor(q => q.FromUtc).InclusiveBetween(SearchNotificationsQuery.EarliestDate, SearchNotificationsQuery.LatestDate)
            .WithMessage("Enter a start date between 2000-01-01 and 2099-12-31.");
        RuleFor(q => q.ToUtc).InclusiveBetween(SearchNotificationsQuery.EarliestDate, SearchNotificationsQuery.LatestDate)
            .WithMessage("Enter an end date between 2000-01-01 and 2099-12-31.");
        RuleFor(q => q.ToUtc).GreaterThanOrEqualTo(q => q.FromUtc).When(q => q.FromUtc is not null && q.ToUtc is not null)
            .WithMessage("The end of the date range is before its start.");
        RuleFor(q => q.RespCode).InclusiveBetween(0, 999);
    }

    private const string BadCursor = "The page link is not one this search made (it may have been cut short or changed): start again from the first page.";

    private static bool BeACursor(string? cursor) => cursor is null || NotificationCursor.TryParse(cursor, out _);
}

internal sealed class SearchNotificationsQueryHandler(IAppDbContext db) : IRequestHandler<SearchNotificationsQuery, NotificationPageDto>
{
    public async Task<NotificationPageDto> Handle(SearchNotificationsQuery request, CancellationToken cancellationToken)
    {
        var filtered = Filter(db.NotificationRecords.AsNoTracking(), request);
        // Counted in the page's order (each filter's index reads it so) only so that the limit is well defined.
        var counted = await filtered.OrderByDescending(r => r.OccurredAtUtc).Take(SearchNotificationsQuery.MaxTotal + 1).CountAsync(cancellationToken);

        // Newest first by when the person entered or left (the page's "Entered / left" column, which the date range
        // filters too); Zoom's times are whole seconds, so the record's creation orders ties (a person's reports are
        // created in sequence) and the id makes the key unique. Every filter's index ends in these three columns, so a
        // page is read in order from the cursor on. One more row than the page says whether another page follows.
        NotificationCursor.TryParse(request.After, out var after);
        NotificationCursor.TryParse(request.Before, out var before);
        // The cursor bounds OccurredAtUtc on one side; a date range's bound on that side is then implied. SQLite seeks an
        // index on one upper (or lower) bound only and takes the range's, so a deep page in "the last 30 days" would read
        // every row from the range's end down to the cursor: leave the implied bound out of the page's query.
        var pageRequest = request;
        if (after is { } a0 && request.ToUtc is { } to && a0.OccurredAtUtc <= to) pageRequest = pageRequest with { ToUtc = null };
        if (before is { } b0 && request.FromUtc is { } from && b0.OccurredAtUtc >= from) pageRequest = pageRequest with { FromUtc = null };
        var pageFilter = ReferenceEquals(pageRequest, request) ? filtered : Filter(db.NotificationRecords.AsNoTracking(), pageRequest);
        List<NotificationRecord> page;
        bool more;
        if (before is { } b)
        {
            // The page before: the rows just newer than the cursor, read oldest first, shown newest first.
            page = await Newer(pageFilter, b)
                .OrderBy(r => r.OccurredAtUtc).ThenBy(r => r.CreatedAtUtc).ThenBy(r => r.Id)
                .Take(request.Take + 1).Include(r => r.Attempts).ToListAsync(cancellationToken);
            more = page.Count > request.Take;
            page = page.Take(request.Take).Reverse().ToList();
        }
        else
        {
            var query = after is { } a ? Older(pageFilter, a) : filtered;
            page = await query
                .OrderByDescending(r => r.OccurredAtUtc).ThenByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id)
                .Take(request.Take + 1).Include(r => r.Attempts).ToListAsync(cancellationToken);
            more = page.Count > request.Take;
            if (more) page.RemoveAt(page.Count - 1);
        }

        var tenantIds = page.Select(r => r.TenantId).Distinct().ToList();
        var names = await db.Tenants.AsNoTracking().Where(t => tenantIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var capped = counted > SearchNotificationsQuery.MaxTotal;
        var rows = page.Select(r => ToDto(r, names.GetValueOrDefault(r.TenantId, "(deleted)"))).ToList();
        // Reading forward there is a newer page unless this is the first; reading back there is an older one (we came from it).
        var hasNewer = before is not null ? more : after is not null;
        var hasOlder = before is not null || more;
        return new NotificationPageDto(rows, capped ? SearchNotificationsQuery.MaxTotal : counted)
        {
            TotalIsCapped = capped,
            NextCursor = hasOlder && rows.Count > 0 ? NotificationCursor.Of(rows[^1]).ToString() : null,
            PreviousCursor = hasNewer && rows.Count > 0 ? NotificationCursor.Of(rows[0]).ToString() : null,
        };
    }

    /// <summary>
    /// The rows after the cursor in the page's order: (OccurredAtUtc, CreatedAtUtc, Id) &lt; the cursor's, written out
    /// (SQL Server has no row values) with a leading <c>OccurredAtUtc &lt;= …</c> that every index seeks on.
    /// </summary>
    private static IQueryable<NotificationRecord> Older(IQueryable<NotificationRecord> query, NotificationCursor c) =>
        query.Where(r => r.OccurredAtUtc <= c.OccurredAtUtc
            && (r.OccurredAtUtc < c.OccurredAtUtc
                || (r.CreatedAtUtc <= c.CreatedAtUtc && (r.CreatedAtUtc < c.CreatedAtUtc || r.Id.CompareTo(c.Id) < 0))));

    /// <summary>The rows before the cursor in the page's order (newer): the mirror of <see cref="Older"/>.</summary>
    private static IQueryable<NotificationRecord> Newer(IQueryable<NotificationRecord> query, NotificationCursor c) =>
        query.Where(r => r.OccurredAtUtc >= c.OccurredAtUtc
            && (r.OccurredAtUtc > c.OccurredAtUtc
                || (r.CreatedAtUtc >= c.CreatedAtUtc && (r.CreatedAtUtc > c.CreatedAtUtc || r.Id.CompareTo(c.Id) > 0))));

    public static IQueryable<NotificationRecord> Filter(IQueryable<NotificationRecord> query, SearchNotificationsQuery request)
    {
        if (!string.IsNullOrWhiteSpace(request.MeetingIdOrCsn))
        {
            var term = request.MeetingIdOrCsn.Trim().Replace(" ", "", StringComparison.Ordinal);
            // Zoom shows meeting IDs with spaces ("851 2345 6789"): a number may be either a meeting ID or a CSN.
            query = long.TryParse(term, out var meetingId)
                ? query.Where(r => r.ZoomMeetingId == meetingId || r.Csn == term)
                : query.Where(r => r.Csn == term);
        }
        if (request.FromUtc is { } from) query = query.Where(r => r.OccurredAtUtc >= from);
        if (request.ToUtc is { } to) query = query.Where(r => r.OccurredAtUtc <= to);
        if (!string.IsNullOrWhiteSpace(request.Participant)) query = query.Where(r => r.ExternalId == request.Participant.Trim());
        if (request.Status is { } status) query = query.Where(r => r.Status == status);
        if (request.RespCode is { } code) query = query.Where(r => r.LastRespCode == code);
        if (request.TenantId is { } tenant)
        {
            var tenantId = new Domain.Tenants.TenantId(tenant);
            query = query.Where(r => r.TenantId == tenantId);
        }
        return query;
    }

    private static NotificationRowDto ToDto(NotificationRecord r, string tenantName) => new(
        r.Id, tenantName, r.Csn, r.ZoomMeetingId, r.ParticipantRole.ToString(), r.ExternalId, r.Kind.ToString(),
        r.OccurredAtUtc, r.CreatedAtUtc, r.Status.ToString(), r.AttemptCount, r.LastRespCode, r.LastAttemptAtUtc,
        r.Status == NotificationStatus.Pending ? r.NextAttemptAtUtc : null, r.DeliveredAtUtc,
        r.Attempts.OrderBy(a => a.Number).Select(a => new NotificationAttemptDto(a.Number, a.AttemptedAtUtc, a.RespCode, a.DurationMs, a.ResponseExcerpt)).ToList(),
        r.StatusCode, r.Payload, r.ReplayedAtUtc);
}
