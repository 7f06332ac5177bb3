using EpicZoom.Application.Common.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Infrastructure.Identity;

/// <summary>
/// At start-up: the three portal roles exist, and the role the portal had before them ("Admin") is renamed
/// Administrator, so its members keep everything they could do. A rename keeps every membership in one update.
/// </summary>
public sealed class RoleSetup(RoleManager<IdentityRole> roles, UserManager<AdminUser> users, ILogger<RoleSetup> logger)
{
    public async Task EnsureAsync()
    {
        if (await roles.FindByNameAsync(AppRoles.LegacyAdmin) is { } legacy)
        {
            if (!await roles.RoleExistsAsync(AppRoles.Administrator))
            {
                var renamed = await roles.SetRoleNameAsync(legacy, AppRoles.Administrator);
                if (renamed.Succeeded) renamed = await roles.UpdateAsync(legacy);
                if (renamed.Succeeded) logger.LogInformation("Role {Legacy} renamed {Role}", AppRoles.LegacyAdmin, AppRoles.Administrator);
                else logger.LogWarning("Role {Legacy} not renamed: {Errors}", AppRoles.LegacyAdmin, string.Join(", ", renamed.Errors.Select(e => e.Code)));
            }
            else
            {
                // Both exist (another instance created Administrator first): move the members over, then drop the old role.
                foreach (var member in await users.GetUsersInRoleAsync(AppRoles.LegacyAdmin))
                {
                    if (!await users.IsInRoleAsync(member, AppRoles.Administrator)) await users.AddToRoleAsync(member, AppRoles.Administrator);
                    await users.RemoveFromRoleAsync(member, AppRoles.LegacyAdmin);
                }
                await roles.DeleteAsync(legacy);
                logger.LogInformation("Members of role {Legacy} moved to {Role}", AppRoles.LegacyAdmin, AppRoles.Administrator);
            }
        }
        foreach (var role in AppRoles.All)
        {
            if (await roles.RoleExistsAsync(role)) continue;
            var created = await roles.CreateAsync(new IdentityRole(role));
            // Another instance starting at the same moment may have created it: the unique name refuses the second.
            if (!created.Succeeded) logger.LogInformation("Role {Role} not created here: {Errors}", role, string.Join(", ", created.Errors.Select(e => e.Code)));
        }
    }
}
