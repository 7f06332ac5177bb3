using EpicZoom.Application.Accounts.Common;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using FluentValidation;
using MediatR;

namespace EpicZoom.Application.Accounts.SetLocalAccountDisabled;

/// <summary>Disables (or enables again) a local account. Not one's own, and never the last enabled Administrator.</summary>
[Authorize(Roles = AppRoles.Administrator)]
public sealed record SetLocalAccountDisabledCommand(string Id, bool Disabled) : IRequest<Unit>;

public sealed class SetLocalAccountDisabledCommandValidator : AbstractValidator<SetLocalAccountDisabledCommand>
{
    public SetLocalAccountDisabledCommandValidator() => RuleFor(c => c.Id).NotEmpty().MaximumLength(64);
}

internal sealed class SetLocalAccountDisabledCommandHandler(ILocalAccounts accounts, IAppDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<SetLocalAccountDisabledCommand, Unit>
{
    public async Task<Unit> Handle(SetLocalAccountDisabledCommand request, CancellationToken cancellationToken)
    {
        var account = await LocalAccountRules.FindAsync(accounts, request.Id, cancellationToken);
        if (account.Disabled == request.Disabled) return Unit.Value;
        if (request.Disabled)
        {
            LocalAccountRules.RefuseSelf(user, account, "disable");
            await LocalAccountRules.KeepAnAdministratorAsync(accounts, account, cancellationToken);
        }

        db.AuditEntries.Add(LocalAccountRules.Audit(user, clock, request.Disabled ? "LocalAccountDisabled" : "LocalAccountEnabled", account.UserName,
            request.Disabled ? "cannot sign in; open sessions end within a minute" : "can sign in again"));
        LocalAccountRules.ThrowIfAny(await accounts.SetDisabledAsync(account.Id, request.Disabled, cancellationToken));
        return Unit.Value;
    }
}
