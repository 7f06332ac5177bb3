using EpicZoom.Application.Audit.RecordAccountEvent;
using EpicZoom.Infrastructure.Identity;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EpicZoom.Web.Account;

/// <summary>
/// Sign-in, sign-out and password change as plain form posts (antiforgery-checked): cookies can only be set on an
/// HTTP response, not over a Blazor circuit. Errors go back to the page as short codes, never as user input.
/// </summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/account");

        group.MapPost("/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            HttpContext context, SignInManager<AdminUser> signIn, UserManager<AdminUser> users, IMediator mediator) =>
        {
            var target = LocalOrDefault(returnUrl);
            if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password) || userName.Length > 256 || password.Length > 512)
                return Results.Redirect($"/account/login?error=invalid&returnUrl={Uri.EscapeDataString(target)}");

            var result = await signIn.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
            var known = await users.FindByNameAsync(userName);
            var audited = result.Succeeded ? AccountEvent.SignedIn
                : result.IsLockedOut || (known is not null && await users.IsLockedOutAsync(known)) ? AccountEvent.LockedOut
                : AccountEvent.SignInFailed;
            await mediator.Send(new RecordAccountEventCommand(audited, known?.UserName, context.Connection.RemoteIpAddress));
            // One message for wrong user, wrong password and lockout: nothing to learn for someone guessing.
            return result.Succeeded
                ? Results.LocalRedirect(target)
                : Results.Redirect($"/account/login?error=invalid&returnUrl={Uri.EscapeDataString(target)}");
        }).AllowAnonymous();

        // It binds no form field, so nothing checks the token unless this does: a cross-site form must not sign anyone out.
        group.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AdminUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign out from EpicZoom's own page.",
                    detail: "The request lacks a valid antiforgery token.");
            await signIn.SignOutAsync();
            return Results.Redirect("/account/login");
        }).AllowAnonymous();

        group.MapPost("/change-password", async ([FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword,
            HttpContext context, UserManager<AdminUser> users, SignInManager<AdminUser> signIn, FirstRunAdmin firstRun, IMediator mediator) =>
        {
            var user = await users.GetUserAsync(context.User);
            if (user is null) return Results.Redirect("/account/login");
            if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword) || newPassword.Length > 512)
                return Results.Redirect("/account/change-password?error=required");
            if (newPassword != confirmPassword) return Results.Redirect("/account/change-password?error=mismatch");
            if (newPassword == currentPassword) return Results.Redirect("/account/change-password?error=same");

            var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
            await mediator.Send(new RecordAccountEventCommand(
                changed.Succeeded ? AccountEvent.PasswordChanged : AccountEvent.PasswordChangeFailed, user.UserName, context.Connection.RemoteIpAddress));
            if (!changed.Succeeded)
                return Results.Redirect($"/account/change-password?error={Uri.EscapeDataString(string.Join(',', changed.Errors.Select(e => e.Code)))}");

            if (user.MustChangePassword)
            {
                user.MustChangePassword = false;
                await users.UpdateAsync(user);
                firstRun.ForgetInitialPassword();
            }
            await signIn.RefreshSignInAsync(user);
            return Results.Redirect("/tenants?passwordChanged=1");
        }).RequireAuthorization(policy => policy.RequireAuthenticatedUser());

        return endpoints;
    }

    private static string LocalOrDefault(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : "/tenants";
}
