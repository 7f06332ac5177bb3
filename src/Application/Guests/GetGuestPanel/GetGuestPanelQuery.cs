using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Guests.Common;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Domain.Tenants;
using MediatR;

namespace EpicZoom.Application.Guests.GetGuestPanel;

/// <summary>What the clinician's "Invite a guest" panel shows: whether inviting is possible, the roles allowed, the invites so far.</summary>
public sealed record GetGuestPanelQuery(string PassToken) : IRequest<GuestPanelDto>;

public sealed record GuestRoleOption(GuestRole Role, string Label);

public sealed record GuestPanelDto(bool CanInvite, string? WhyNot, IReadOnlyList<GuestRoleOption> Roles, int MaxGuests, IReadOnlyList<GuestInviteDto> Invites);

internal sealed class GetGuestPanelQueryHandler(IAppDbContext db, VisitPassReader passes) : IRequestHandler<GetGuestPanelQuery, GuestPanelDto>
{
    public async Task<GuestPanelDto> Handle(GetGuestPanelQuery request, CancellationToken cancellationToken)
    {
        var (_, visit, _, tenant) = await passes.ReadAsync(request.PassToken, VisitPass.InviteGuests, tracked: false, cancellationToken);
        var invites = await GuestInviteList.ForVisitAsync(db, visit, cancellationToken);
        return GuestPanels.For(tenant, visit.EndedAtUtc is not null, invites);
    }
}

internal static class GuestPanels
{
    public static GuestPanelDto For(Tenant tenant, bool ended, IReadOnlyList<GuestInviteDto> invites)
    {
        var whyNot = !tenant.Guests.Enabled ? "Inviting guests is switched off for your organisation."
            : ended ? "This visit has ended."
            : null;
        var roles = Enum.GetValues<GuestRole>().Where(tenant.Guests.Allows)
            .Select(r => new GuestRoleOption(r, Domain.Guests.GuestInvite.Label(r, null))).ToList();
        return new GuestPanelDto(whyNot is null, whyNot, roles, tenant.Guests.MaxGuestsPerVisit, invites);
    }
}
