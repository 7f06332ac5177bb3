using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Guests.Common;
using EpicZoom.Application.Guests.GetGuestPanel;
using EpicZoom.Domain.Visits;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Guests.ListVisitGuests;

/// <summary>A visit's invites for the Visits page's guest dialog (contacts masked).</summary>
[Authorize(Roles = AppRoles.Operators)]
public sealed record ListVisitGuestsQuery(Guid VisitId) : IRequest<GuestPanelDto>;

internal sealed class ListVisitGuestsQueryHandler(IAppDbContext db) : IRequestHandler<ListVisitGuestsQuery, GuestPanelDto>
{
    public async Task<GuestPanelDto> Handle(ListVisitGuestsQuery request, CancellationToken cancellationToken)
    {
        var id = new VisitId(request.VisitId);
        var visit = await db.VideoVisits.AsNoTracking().Include(v => v.Participants).SingleOrDefaultAsync(v => v.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(VideoVisit), request.VisitId);
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == visit.TenantId, cancellationToken);
        return GuestPanels.For(tenant, visit.EndedAtUtc is not null, await GuestInviteList.ForVisitAsync(db, visit, cancellationToken));
    }
}
