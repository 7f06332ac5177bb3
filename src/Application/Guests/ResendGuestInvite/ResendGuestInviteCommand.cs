using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Guests.Common;
using EpicZoom.Application.Guests.InviteGuest;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Domain.Guests;
using FluentValidation;
using MediatR;

namespace EpicZoom.Application.Guests.ResendGuestInvite;

/// <summary>The clinician sends an invitation again (same link, lifetime restarted): a person decides, never a retry loop.</summary>
public sealed record ResendGuestInviteCommand(string PassToken, Guid InviteId) : IRequest<GuestInviteOutcome>;

[Authorize(Roles = AppRoles.Operators)]
public sealed record ResendGuestInviteByAdminCommand(Guid VisitId, Guid InviteId) : IRequest<GuestInviteOutcome>;

public sealed class ResendGuestInviteCommandValidator : AbstractValidator<ResendGuestInviteCommand>
{
    public ResendGuestInviteCommandValidator()
    {
        RuleFor(c => c.PassToken).NotEmpty().MaximumLength(2048);
        RuleFor(c => c.InviteId).NotEmpty();
    }
}

public sealed class ResendGuestInviteByAdminCommandValidator : AbstractValidator<ResendGuestInviteByAdminCommand>
{
    public ResendGuestInviteByAdminCommandValidator()
    {
        RuleFor(c => c.VisitId).NotEmpty();
        RuleFor(c => c.InviteId).NotEmpty();
    }
}

internal sealed class ResendGuestInviteCommandHandler(VisitPassReader passes, GuestInvitations invitations)
    : IRequestHandler<ResendGuestInviteCommand, GuestInviteOutcome>
{
    public async Task<GuestInviteOutcome> Handle(ResendGuestInviteCommand request, CancellationToken cancellationToken)
    {
        var (_, visit, clinician, tenant) = await passes.ReadAsync(request.PassToken, VisitPass.InviteGuests, tracked: false, cancellationToken);
        return await invitations.ResendAsync(visit, tenant, new GuestInviteId(request.InviteId), clinician.EpicId, cancellationToken);
    }
}

internal sealed class ResendGuestInviteByAdminCommandHandler(IAppDbContext db, ICurrentUser user, GuestInvitations invitations)
    : IRequestHandler<ResendGuestInviteByAdminCommand, GuestInviteOutcome>
{
    public async Task<GuestInviteOutcome> Handle(ResendGuestInviteByAdminCommand request, CancellationToken cancellationToken)
    {
        var (visit, tenant) = await AdminVisit.LoadAsync(db, request.VisitId, cancellationToken);
        return await invitations.ResendAsync(visit, tenant, new GuestInviteId(request.InviteId), user.UserName ?? "admin", cancellationToken);
    }
}
