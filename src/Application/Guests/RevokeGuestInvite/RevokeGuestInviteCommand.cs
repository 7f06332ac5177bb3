using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Guests.Common;
using EpicZoom.Application.Guests.InviteGuest;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Domain.Guests;
using FluentValidation;
using MediatR;

namespace EpicZoom.Application.Guests.RevokeGuestInvite;

/// <summary>The clinician withdraws an invitation: its link stops opening the visit at once; the record stays.</summary>
public sealed record RevokeGuestInviteCommand(string PassToken, Guid InviteId) : IRequest<GuestInviteOutcome>;

[Authorize(Roles = AppRoles.Operators)]
public sealed record RevokeGuestInviteByAdminCommand(Guid VisitId, Guid InviteId) : IRequest<GuestInviteOutcome>;

public sealed class RevokeGuestInviteCommandValidator : AbstractValidator<RevokeGuestInviteCommand>
{
    public RevokeGuestInviteCommandValidator()
    {
        RuleFor(c => c.PassToken).NotEmpty().MaximumLength(2048);
        RuleFor(c => c.InviteId).NotEmpty();
    }
}

public sealed class RevokeGuestInviteByAdminCommandValidator : AbstractValidator<RevokeGuestInviteByAdminCommand>
{
    public RevokeGuestInviteByAdminCommandValidator()
    {
        RuleFor(c => c.VisitId).NotEmpty();
        RuleFor(c => c.InviteId).NotEmpty();
    }
}

internal sealed class RevokeGuestInviteCommandHandler(VisitPassReader passes, GuestInvitations invitations)
    : IRequestHandler<RevokeGuestInviteCommand, GuestInviteOutcome>
{
    public async Task<GuestInviteOutcome> Handle(RevokeGuestInviteCommand request, CancellationToken cancellationToken)
    {
        var (_, visit, clinician, _) = await passes.ReadAsync(request.PassToken, VisitPass.InviteGuests, tracked: false, cancellationToken);
        return await invitations.RevokeAsync(visit.Id, new GuestInviteId(request.InviteId), clinician.EpicId, cancellationToken);
    }
}

internal sealed class RevokeGuestInviteByAdminCommandHandler(IAppDbContext db, ICurrentUser user, GuestInvitations invitations)
    : IRequestHandler<RevokeGuestInviteByAdminCommand, GuestInviteOutcome>
{
    public async Task<GuestInviteOutcome> Handle(RevokeGuestInviteByAdminCommand request, CancellationToken cancellationToken)
    {
        var (visit, _) = await AdminVisit.LoadAsync(db, request.VisitId, cancellationToken);
        return await invitations.RevokeAsync(visit.Id, new GuestInviteId(request.InviteId), user.UserName ?? "admin", cancellationToken);
    }
}
