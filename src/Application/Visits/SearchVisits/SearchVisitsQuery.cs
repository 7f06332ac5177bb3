using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Common.Validation;
using EpicZoom.Application.Visits.ListVisits;
using EpicZoom.Domain.Tenants;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Visits.SearchVisits;

/// <summary>The visits page: by CSN or Zoom meeting ID (typed with or without Zoom's spaces) and tenant, newest first, one page at a time.</summary>
[Authorize(Roles = AppRoles.Everyone)]
public sealed record SearchVisitsQuery(
    string? CsnOrMeetingId = null, Guid? TenantId = null, int Skip = 0, int Take = 25, VisitStateFilter State = VisitStateFilter.Open) : IRequest<VisitPageDto>;

public sealed record VisitPageDto(IReadOnlyList<VisitDto> Items, int Total);

public sealed class SearchVisitsQueryValidator : AbstractValidator<SearchVisitsQuery>
{
    public SearchVisitsQueryValidator()
    {
        RuleFor(q => q.CsnOrMeetingId).MaximumLength(100).NoControlCharacters();
        RuleFor(q => q.Skip).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Take).InclusiveBetween(1, 500);
        RuleFor(q => q.State).IsInEnum();
    }
}

internal sealed class SearchVisitsQueryHandler(IAppDbContext db, TimeProvider time) : IRequestHandler<SearchVisitsQuery, VisitPageDto>
{
    public async Task<VisitPageDto> Handle(SearchVisitsQuery request, CancellationToken cancellationToken)
    {
        var query = db.VideoVisits.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(request.CsnOrMeetingId))
        {
            var term = request.CsnOrMeetingId.Trim().Replace(" ", "", StringComparison.Ordinal);
            query = long.TryParse(term, out var meetingId)
                ? query.Where(v => v.ZoomMeetingId == meetingId || v.Csn == term)
                : query.Where(v => v.Csn == term);
        }
        if (request.TenantId is { } tenant)
        {
            var tenantId = new TenantId(tenant);
            query = query.Where(v => v.TenantId == tenantId);
        }
        var now = time.GetUtcNow().UtcDateTime;
        query = query.Where(VisitStates.Matching(request.State, now));
        var total = await query.CountAsync(cancellationToken);
        var visits = await query.Include(v => v.Participants).OrderByDescending(v => v.CreatedAtUtc).Skip(request.Skip).Take(request.Take)
            .ToListAsync(cancellationToken);
        var states = visits.ToDictionary(v => v.Id.Value, v => VisitStates.Of(v, now));
        var items = (await ListVisitsQueryHandler.ToDtosAsync(db, visits, cancellationToken)).Select(d => d with { State = states[d.Id] }).ToList();
        return new VisitPageDto(items, total);
    }
}
