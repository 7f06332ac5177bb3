using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Common.Validation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Audit.ListAuditEntries;

/// <summary>Admin changes, newest first, optionally filtered by actor, action or record.</summary>
[Authorize(Roles = AppRoles.Admin)]
public sealed record ListAuditEntriesQuery(string? Search = null, int Skip = 0, int Take = 50) : IRequest<AuditPageDto>;

public sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Items, int Total);

public sealed record AuditEntryDto(DateTime AtUtc, string Actor, string Action, string EntityType, string EntityId, string Summary);

public sealed class ListAuditEntriesQueryValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public ListAuditEntriesQueryValidator()
    {
        RuleFor(q => q.Search).MaximumLength(200).NoControlCharacters();
        RuleFor(q => q.Skip).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Take).InclusiveBetween(1, 500);
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
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.AtUtc).Skip(request.Skip).Take(request.Take)
            .Select(a => new AuditEntryDto(a.AtUtc, a.Actor, a.Action, a.EntityType, a.EntityId, a.Summary))
            .ToListAsync(cancellationToken);
        return new AuditPageDto(items, total);
    }
}
