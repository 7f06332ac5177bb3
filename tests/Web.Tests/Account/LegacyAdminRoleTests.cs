using System.Net;
using EpicZoom.Application.Common.Security;
using EpicZoom.Infrastructure.Identity;
using EpicZoom.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests.Account;

/// <summary>
/// Upgrading from the version whose only portal role was "Admin" (RoleSetup): on the first start of this version the
/// role is renamed Administrator, so its members keep the Administrator pages; Help desk and Auditor are created.
/// </summary>
public sealed class LegacyAdminRoleTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnAccountInTheOldAdminRole_IsAnAdministratorAfterStartUp_AndReachesAdministratorPages(bool postgres)
    {
        using var data = new TempDirectory("epiczoom-legacy-role");
        await using var server = postgres ? await PostgresServer.StartAsync() : null;
        var settings = new Dictionary<string, string?> { ["App:DataPath"] = data.Path };
        if (server is not null)
        {
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Default"] = await server.CreateDatabaseAsync("legacy_role");
        }

        using (var older = new EpicZoomApp(settings))
        {
            _ = await older.SignedInAdminAsync(); // the first admin, password chosen
            // The database as the older version left it: one role, "Admin", holding the first admin; no Help desk, no Auditor.
            await older.DbAsync(async db =>
            {
                await db.Set<IdentityUserRole<string>>().Where(m => db.Roles.Any(r => r.Id == m.RoleId && r.Name != AppRoles.Administrator)).ExecuteDeleteAsync();
                await db.Roles.Where(r => r.Name != AppRoles.Administrator).ExecuteDeleteAsync();
                return await db.Roles.Where(r => r.Name == AppRoles.Administrator)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Name, AppRoles.LegacyAdmin).SetProperty(r => r.NormalizedName, "ADMIN"));
            });
            Assert.Equal([AppRoles.LegacyAdmin], await RoleNamesOfAsync(older, "admin"));
            // Until this version's start-up has run, "Admin" is not a role this version knows: no Administrator page.
            var unrenamed = await SignInAsync(older);
            Assert.Equal(HttpStatusCode.Forbidden, (await unrenamed.GetAsync("/api/admin/accounts")).StatusCode);
        }

        using var upgraded = new EpicZoomApp(settings);
        var client = await SignInAsync(upgraded);

        Assert.Equal([AppRoles.Administrator], await RoleNamesOfAsync(upgraded, "admin"));
        var roles = await upgraded.DbAsync(db => db.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync());
        Assert.Equal([AppRoles.Administrator, AppRoles.Auditor, AppRoles.HelpDesk], roles);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/accounts")).StatusCode);
        var page = await client.GetAsync("/accounts");
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"/accounts: {(int)page.StatusCode} {page.Headers.Location}");
        Assert.Contains(upgraded.LogLines, l => l.Contains($"Role {AppRoles.LegacyAdmin} renamed {AppRoles.Administrator}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BothRolesPresent_TheOldRolesMembersMoveToAdministrator_AndTheOldRoleIsGone()
    {
        // Another instance of this version created Administrator before this one renamed "Admin".
        using var data = new TempDirectory("epiczoom-legacy-role");
        var settings = new Dictionary<string, string?> { ["App:DataPath"] = data.Path };
        using (var older = new EpicZoomApp(settings))
        {
            _ = await older.SignedInAdminAsync();
            await older.InScopeAsync(async services =>
            {
                var roleManager = services.GetRequiredService<RoleManager<IdentityRole>>();
                var users = services.GetRequiredService<UserManager<AdminUser>>();
                Assert.True((await roleManager.CreateAsync(new IdentityRole(AppRoles.LegacyAdmin))).Succeeded);
                var admin = (await users.FindByNameAsync("admin"))!;
                Assert.True((await users.RemoveFromRoleAsync(admin, AppRoles.Administrator)).Succeeded);
                Assert.True((await users.AddToRoleAsync(admin, AppRoles.LegacyAdmin)).Succeeded);
                return true;
            });
        }

        using var upgraded = new EpicZoomApp(settings);
        var client = await SignInAsync(upgraded);

        Assert.Equal([AppRoles.Administrator], await RoleNamesOfAsync(upgraded, "admin"));
        Assert.False(await upgraded.DbAsync(db => db.Roles.AnyAsync(r => r.Name == AppRoles.LegacyAdmin)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/accounts")).StatusCode);
    }

    private static Task<List<string>> RoleNamesOfAsync(EpicZoomApp app, string userName) =>
        app.DbAsync(db => (from user in db.Users
                           where user.UserName == userName
                           join membership in db.Set<IdentityUserRole<string>>() on user.Id equals membership.UserId
                           join role in db.Roles on membership.RoleId equals role.Id
                           select role.Name!).ToListAsync());

    /// <summary>The first admin, whose password the older version's first sign-in already changed.</summary>
    private static async Task<HttpClient> SignInAsync(EpicZoomApp app)
    {
        var client = app.CreateBrowserlessClient();
        var login = await EpicZoomApp.PostFormAsync(client, "/account/login", "/account/login",
            new() { ["userName"] = "admin", ["password"] = EpicZoomApp.AdminPassword, ["returnUrl"] = "/" });
        Assert.True(login.StatusCode == HttpStatusCode.Redirect && login.Headers.Location?.OriginalString.Contains("error") != true,
            $"sign-in: {(int)login.StatusCode} {login.Headers.Location}");
        return client;
    }
}
