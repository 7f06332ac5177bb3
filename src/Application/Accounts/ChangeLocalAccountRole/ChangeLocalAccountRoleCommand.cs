using EpicZoom.Application.Accounts.Common;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using FluentValidation;
using MediatR;

namespace EpicZoom.Application.Accounts.ChangeLocalAccountRole;

/// <summary>Gives a local account another role. Not one's own, and never the last enabled Administrator's.</summary>
[Authorize(Roles = AppRoles.Administrator)]
public sealed record ChangeLocalAccountRoleCommand(string Id, string Role) : IRequest<Unit>;

public sealed class ChangeLocalAccountRoleCommandValidator : AbstractValidator<ChangeLocalAccountRoleCommand>
{
    public ChangeLocalAccountRoleCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Role).IsPortalRole();
    }
}

internal sealed class ChangeLocalAccountRoleCommandHandler(ILocalAccounts accounts, IAppDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ChangeLocalAccountRoleCommand, Unit>
{
    public async Task<Unit> Handle(ChangeLocalAccountRoleCommand request, CancellationToken cancellationToken)
    {
        var account = await LocalAccountRules.FindAsync(accounts, request.Id, cancellationToken);
        if (account.Role == request.Role) return Unit.Value;
        LocalAccountRules.RefuseSelf(user, account, "change the role of");
        await LocalAccountRules.KeepAnAdministratorAsync(accounts, account, cancellationToken);

        db.AuditEntries.Add(LocalAccountRules.Audit(user, clock, "LocalAccountRoleChanged", account.UserName,
            $"role {(account.Role is null ? "none" : AppRoles.DisplayName(account.Role))} → {AppRoles.DisplayName(request.Role)}"));
        LocalAccountRules.ThrowIfAny(await accounts.SetRoleAsync(account.Id, request.Role, cancellationToken));
        return Unit.Value;
    }
}
