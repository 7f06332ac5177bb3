using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Infrastructure.Identity;

/// <summary>
/// Local accounts through ASP.NET Core Identity, whose store saves on the scope's AppDbContext (the same unit of work
/// as IAppDbContext). Disabled = locked out for good; every role change or disabling renews the security stamp, which
/// ends the account's open sessions at the next stamp check.
/// </summary>
public sealed class LocalAccounts(IServiceProvider services, TimeProvider clock) : ILocalAccounts
{
    // Resolved on use: Identity is the web host's (its password rules), and hosts without it (workers, tests) still build.
    private UserManager<AdminUser> users => services.GetRequiredService<UserManager<AdminUser>>();

    // Not DateTimeOffset.MaxValue: PostgreSQL keeps microseconds only, so that would not read back equal.
    private static readonly DateTimeOffset Forever = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public async Task<IReadOnlyList<LocalAccountDto>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var list = new List<LocalAccountDto>(all.Count);
        foreach (var user in all) list.Add(await DtoAsync(user));
        return list;
    }

    public async Task<LocalAccountDto?> FindAsync(string id, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(id) is { } user ? await DtoAsync(user) : null;

    public async Task<IReadOnlyList<LocalAccountFailure>> CreateAsync(string userName, string role, string initialPassword, CancellationToken cancellationToken)
    {
        var user = new AdminUser { UserName = userName, MustChangePassword = true, LockoutEnabled = true };
        var created = await users.CreateAsync(user, initialPassword);
        if (!created.Succeeded) return Failures(created);
        return Failures(await users.AddToRoleAsync(user, role));
    }

    public async Task<IReadOnlyList<LocalAccountFailure>> SetRoleAsync(string id, string role, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return [new("Id", "The account no longer exists.")];
        var held = (await users.GetRolesAsync(user)).Where(r => r != role).ToList();
        if (held.Count > 0 && Failures(await users.RemoveFromRolesAsync(user, held)) is { Count: > 0 } removing) return removing;
        if (!await users.IsInRoleAsync(user, role) && Failures(await users.AddToRoleAsync(user, role)) is { Count: > 0 } adding) return adding;
        return Failures(await users.UpdateSecurityStampAsync(user));
    }

    public async Task<IReadOnlyList<LocalAccountFailure>> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return [new("Id", "The account no longer exists.")];
        user.LockoutEnabled = true;
        user.LockoutEnd = disabled ? Forever : null;
        user.AccessFailedCount = 0;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return Failures(updated);
        return Failures(await users.UpdateSecurityStampAsync(user));
    }

    private async Task<LocalAccountDto> DtoAsync(AdminUser user)
    {
        var roles = await users.GetRolesAsync(user);
        var disabled = user.LockoutEnd >= Forever;
        return new LocalAccountDto(user.Id, user.UserName ?? "", AppRoles.All.FirstOrDefault(roles.Contains), disabled, user.MustChangePassword,
            !disabled && user.LockoutEnd is { } end && end > clock.GetUtcNow());
    }

    private static IReadOnlyList<LocalAccountFailure> Failures(IdentityResult result) =>
        result.Succeeded ? [] : result.Errors.Select(e => new LocalAccountFailure(Field(e.Code), e.Description)).ToList();

    private static string Field(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => "InitialPassword",
        "DuplicateUserName" or "InvalidUserName" => "UserName",
        _ => "Id",
    };
}
