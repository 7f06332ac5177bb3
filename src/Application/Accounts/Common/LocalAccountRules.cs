using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Domain.Audit;
using FluentValidation;
using FluentValidation.Results;
using ValidationException = EpicZoom.Application.Common.Exceptions.ValidationException;

namespace EpicZoom.Application.Accounts.Common;

/// <summary>What every local-account change checks: a known role, not locking the portal out of its last Administrator, an audit entry.</summary>
internal static class LocalAccountRules
{
    public static IRuleBuilderOptions<T, string> IsPortalRole<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(r => AppRoles.All.Contains(r)).WithMessage("Choose Administrator, Help desk or Auditor.");

    public static async Task<LocalAccountDto> FindAsync(ILocalAccounts accounts, string id, CancellationToken cancellationToken) =>
        await accounts.FindAsync(id, cancellationToken) ?? throw new NotFoundException("Local account", id);

    /// <summary>Refuses a change that would leave no enabled local Administrator (the break-glass way in).</summary>
    public static async Task KeepAnAdministratorAsync(ILocalAccounts accounts, LocalAccountDto changing, CancellationToken cancellationToken)
    {
        if (changing.Role != AppRoles.Administrator || changing.Disabled) return;
        var others = (await accounts.ListAsync(cancellationToken)).Count(a => a.Id != changing.Id && a.Role == AppRoles.Administrator && !a.Disabled);
        if (others == 0) throw new ValidationException("Id", "This is the last enabled local Administrator: create or enable another one first.");
    }

    public static void RefuseSelf(ICurrentUser user, LocalAccountDto account, string what)
    {
        if (string.Equals(user.UserName, account.UserName, StringComparison.OrdinalIgnoreCase))
            throw new ValidationException("Id", $"You cannot {what} your own account; ask another Administrator.");
    }

    public static void ThrowIfAny(IReadOnlyList<LocalAccountFailure> failures)
    {
        if (failures.Count > 0) throw new ValidationException(failures.Select(f => new ValidationFailure(f.Field, f.Message)));
    }

    public static AuditEntry Audit(ICurrentUser user, TimeProvider clock, string action, string userName, string summary) =>
        AuditEntry.Record(clock.GetUtcNow().UtcDateTime, user.UserName ?? "", action, "AdminUser", userName, summary);
}
