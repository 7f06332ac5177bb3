using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Guests.Common;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Domain.Guests;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Guests.InviteGuest;

/// <summary>
/// A clinician invites a guest from the page their launch opened (the pass says which visit and who invites).
/// <paramref name="Contact"/> is a mobile number or an e-mail address (with @).
/// </summary>
public sealed record InviteGuestCommand(string PassToken, GuestRole Role, string? Language, string? DisplayName, string? Contact)
    : IRequest<GuestInviteOutcome>, IGuestInviteFields;

/// <summary>An administrator or help-desk user invites a guest into an open visit from the Visits page.</summary>
[Authorize(Roles = AppRoles.Operators)]
public sealed record InviteGuestByAdminCommand(Guid VisitId, GuestRole Role, string? Language, string? DisplayName, string? Contact)
    : IRequest<GuestInviteOutcome>, IGuestInviteFields;

public interface IGuestInviteFields
{
    GuestRole Role { get; }
    string? Language { get; }
    string? DisplayName { get; }
    string? Contact { get; }
}

/// <summary>The fields' own rules (the domain's), each on its field; whether the contact is usable is one parse in the handler.</summary>
public abstract class GuestInviteFieldsValidator<T> : AbstractValidator<T> where T : IGuestInviteFields
{
    protected GuestInviteFieldsValidator()
    {
        RuleFor(c => c.Role).IsInEnum().WithMessage("Choose the guest's role.");
        RuleFor(c => c.DisplayName).Custom((name, context) =>
        {
            if (GuestInvite.NameProblem(name) is { } problem) context.AddFailure(nameof(IGuestInviteFields.DisplayName), problem);
        });
        RuleFor(c => c.Language).Custom((language, context) =>
        {
            if (GuestInvite.LanguageProblem(context.InstanceToValidate.Role, language) is { } problem) context.AddFailure(nameof(IGuestInviteFields.Language), problem);
        });
        RuleFor(c => c.Contact).NotEmpty().WithMessage("Enter the guest's mobile number or e-mail address.")
            .MaximumLength(EmailAddress.MaxLength).WithMessage("That is too long for a mobile number or an e-mail address.");
    }
}

public sealed class InviteGuestCommandValidator : GuestInviteFieldsValidator<InviteGuestCommand>
{
    public InviteGuestCommandValidator() => RuleFor(c => c.PassToken).NotEmpty().MaximumLength(2048);
}

public sealed class InviteGuestByAdminCommandValidator : GuestInviteFieldsValidator<InviteGuestByAdminCommand>
{
    public InviteGuestByAdminCommandValidator() => RuleFor(c => c.VisitId).NotEmpty();
}

internal sealed class InviteGuestCommandHandler(VisitPassReader passes, GuestInvitations invitations)
    : IRequestHandler<InviteGuestCommand, GuestInviteOutcome>
{
    public async Task<GuestInviteOutcome> Handle(InviteGuestCommand request, CancellationToken cancellationToken)
    {
        var (_, visit, clinician, tenant) = await passes.ReadAsync(request.PassToken, VisitPass.InviteGuests, tracked: true, cancellationToken);
        return await invitations.InviteAsync(visit, tenant, clinician.EpicId, request.Role, request.Language, request.DisplayName!, request.Contact!, cancellationToken);
    }
}

internal sealed class InviteGuestByAdminCommandHandler(IAppDbContext db, ICurrentUser user, GuestInvitations invitations)
    : IRequestHandler<InviteGuestByAdminCommand, GuestInviteOutcome>
{
    public async Task<GuestInviteOutcome> Handle(InviteGuestByAdminCommand request, CancellationToken cancellationToken)
    {
        var (visit, tenant) = await AdminVisit.LoadAsync(db, request.VisitId, cancellationToken);
        return await invitations.InviteAsync(visit, tenant, user.UserName ?? "admin", request.Role, request.Language, request.DisplayName!, request.Contact!, cancellationToken);
    }
}

internal static class AdminVisit
{
    public static async Task<(VideoVisit Visit, Tenant Tenant)> LoadAsync(IAppDbContext db, Guid visitId, CancellationToken ct)
    {
        var id = new VisitId(visitId);
        var visit = await db.VideoVisits.Include(v => v.Participants).SingleOrDefaultAsync(v => v.Id == id, ct)
            ?? throw new NotFoundException(nameof(VideoVisit), visitId);
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == visit.TenantId, ct);
        return (visit, tenant);
    }
}
