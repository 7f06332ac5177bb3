using EpicZoom.Application.Accounts.Common;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using FluentValidation;
using MediatR;

namespace EpicZoom.Application.Accounts.CreateLocalAccount;

/// <summary>
/// A new break-glass account with one role. The Administrator hands the initial password over out of band; the
/// account must choose its own at first sign-in. User names are plain names, not e-mail addresses (they are shown in
/// the portal and the audit).
/// </summary>
[Authorize(Roles = AppRoles.Administrator)]
public sealed record CreateLocalAccountCommand(string UserName, string Role, string InitialPassword) : IRequest<Unit>;

public sealed class CreateLocalAccountCommandValidator : AbstractValidator<CreateLocalAccountCommand>
{
    public CreateLocalAccountCommandValidator()
    {
        RuleFor(c => c.UserName).NotEmpty().WithMessage("Enter a user name.")
            .Matches("^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$").WithMessage("Use 3 to 64 letters, digits, dots, dashes or underscores (no spaces, no e-mail address).");
        RuleFor(c => c.Role).IsPortalRole();
        RuleFor(c => c.InitialPassword).NotEmpty().WithMessage("Enter an initial password.").MaximumLength(512);
    }
}

internal sealed class CreateLocalAccountCommandHandler(ILocalAccounts accounts, IAppDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<CreateLocalAccountCommand, Unit>
{
    public async Task<Unit> Handle(CreateLocalAccountCommand request, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(LocalAccountRules.Audit(user, clock, "LocalAccountCreated", request.UserName, $"role {AppRoles.DisplayName(request.Role)}; must change the password at first sign-in"));
        LocalAccountRules.ThrowIfAny(await accounts.CreateAsync(request.UserName, request.Role, request.InitialPassword, cancellationToken));
        return Unit.Value;
    }
}
