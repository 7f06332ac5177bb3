using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Visits;
using EpicZoom.Application.Visits.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Visits.GetVisitPage;

/// <summary>
/// What the waiting and device-test pages show around a pass: the tenant's help links, and for an invited guest the name
/// and role the clinician gave them (the guest's own), so they see how they will appear.
/// </summary>
public sealed record GetVisitPageQuery(string PassToken, string Purpose) : IRequest<VisitPageDto>;

/// <summary><see cref="FrameAncestors"/>: the tenant's EHR origins that may frame the page (empty: none).</summary>
public sealed record VisitPageDto(string? DeviceTestUrl, string? HelpUrl, string FrameAncestors = "", string? GuestName = null, string? GuestRole = null);

internal sealed class GetVisitPageQueryHandler(IAppDbContext db, VisitPassReader passes) : IRequestHandler<GetVisitPageQuery, VisitPageDto>
{
    public async Task<VisitPageDto> Handle(GetVisitPageQuery request, CancellationToken cancellationToken)
    {
        var (_, _, participant, tenant) = await passes.ReadAsync(request.PassToken, request.Purpose, tracked: false, cancellationToken);
        var guest = participant.Role == ParticipantRole.Guest
            ? await db.GuestInvites.AsNoTracking().SingleOrDefaultAsync(i => i.ParticipantId == participant.Id, cancellationToken)
            : null;
        return new VisitPageDto(tenant.DeviceTest.EndpointUrl, tenant.DeviceTest.ProviderHelpUrl, tenant.Smart.FrameAncestors,
            guest?.DisplayName, guest?.RoleLabel);
    }
}
