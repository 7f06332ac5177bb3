using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Common.Validation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Audit.ListAuditEntries;

/// <summary>
/// Admin changes and account events (sign-ins, failures, lock-outs, password changes), newest first: <see cref="Search"/>
/// in who, what or record; <see cref="Actor"/> (who, part of the name), <see cref="Action"/> (what, exactly), and a
/// UTC date range (<see cref="FromDate"/> to <see cref="ToDate"/>, both days included).
/// </summary>
[Authorize(Roles = AppRoles.Overseers)]
public sealed record ListAuditEntriesQuery(string? Search = null, int Skip = 0, int Take = 50, string? Actor = null, string? Action = null,
    DateOnly? FromDate = null, DateOnly? ToDate = null) : IRequest<AuditPageDto>;

/// <summary><see cref="Actions"/>: every action ever audited, for the "what" filter.</summary>
public sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Items, int Total)
{
    public IReadOnlyList<string> Actions { get; init; } = [];
}

public sealed record AuditEntryDto(DateTime AtUtc, string Actor, string Action, string EntityType, string EntityId, string Summary);

public sealed class ListAuditEntriesQueryValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public ListAuditEntriesQueryValidator()
    {
        RuleFor(q => q.Search).MaximumLength(200).NoControlCharacters();
        RuleFor(q => q.Skip).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Take).InclusiveBetween(1, 500);
        RuleFor(q => q.Actor).MaximumLength(200).NoControlCharacters();
        RuleFor(q => q.Action).MaximumLength(100).NoControlCharacters();
        RuleFor(q => q.ToDate).GreaterThanOrEqualTo(q => q.FromDate).When(q => q.FromDate is not null && q.ToDate is not null)
            .WithMessage("The end date must not be before the start date.");
    }
}

internal sealed class ListAuditEntriesQueryHandler(IAppDbContext db) : IRequestHandler<ListAuditEntriesQuery, AuditPageDto>
{
    public async Task<AuditPageDto> Handle(ListAuditEntriesQuery request, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var term = request.Search.Trim().ToLower();
            query = query.Where(a => a.Actor.ToLower().Contains(term) || a.Action.ToLower().Contains(term) || a.EntityId.ToLower().Contains(term));
        }
        if (!string.IsNullOrWhiteSpace(request.Actor))
        {
            var actor = request.Actor.Trim().ToLower();
            query = query.Where(a => a.Actor.ToLower().Contains(actor));
        }
        if (!string.IsNullOrWhiteSpace(request.Action)) query = query.Where(a => a.Action == request.Action);
        if (request.FromDate is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.AtUtc >= start);
        }
        if (request.ToDate is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.AtUtc < end);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.AtUtc).Skip(request.Skip).Take(request.Take)
            .Select(a => new AuditEntryDto(a.AtUtc, a.Actor, a.Action, a.EntityType, a.EntityId, a.Summary))
            .ToListAsync(cancellationToken);
        var actions = await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        return new AuditPageDto(items, total) { Actions = actions };
    }
}
