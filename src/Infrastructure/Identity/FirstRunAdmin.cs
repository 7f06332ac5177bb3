using System.Security.Cryptography;
using EpicZoom.Application.Common.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Infrastructure.Identity;

/// <summary>
/// On an empty database, creates the first admin with a random password, shown once on the console and written to a
/// file only root/the service user can read; the admin must change it at first sign-in. Runs after <see cref="RoleSetup"/>.
/// </summary>
public sealed class FirstRunAdmin(UserManager<AdminUser> users, AppPaths paths, ILogger<FirstRunAdmin> logger)
{
    public const string UserName = "admin";

    public async Task EnsureAsync()
    {
        if (await users.Users.AnyAsync()) return;

        var password = RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789", 20) + "-7a";
        var admin = new AdminUser { UserName = UserName, MustChangePassword = true, LockoutEnabled = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            // Another instance starting at the same moment won the unique user name; it owns the password.
            logger.LogWarning("First-run admin not created: {Errors}", string.Join(", ", created.Errors.Select(e => e.Code)));
            return;
        }
        await users.AddToRoleAsync(admin, AppRoles.Administrator);

        await File.WriteAllTextAsync(paths.InitialAdminPasswordFile,
            $"EpicZoom first-run admin\nuser: {UserName}\npassword: {password}\nYou must choose a new password at first sign-in; this file is deleted then.\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(paths.InitialAdminPasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // Console, not the logger: the password must not reach log sinks. Shown this once only.
        Console.WriteLine();
        Console.WriteLine("==================================================================");
        Console.WriteLine(" EpicZoom first run: an admin account was created.");
        Console.WriteLine($"   user:     {UserName}");
        Console.WriteLine($"   password: {password}");
        Console.WriteLine($"   (also in {paths.InitialAdminPasswordFile})");
        Console.WriteLine(" Sign in and choose a new password.");
        Console.WriteLine("==================================================================");
        Console.WriteLine();
        logger.LogInformation("First-run admin created; its password is in {File}", paths.InitialAdminPasswordFile);
    }

    /// <summary>Called once the admin has chosen their own password.</summary>
    public void ForgetInitialPassword()
    {
        if (File.Exists(paths.InitialAdminPasswordFile)) File.Delete(paths.InitialAdminPasswordFile);
    }
}
