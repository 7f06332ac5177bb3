using EpicZoom.Application.Audit.RecordAccountEvent;
using EpicZoom.Infrastructure.Identity;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

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
            HttpContext context, SignInManager<AdminUser> signIn, UserManager<AdminUser> users, IMediator mediator, IOptions<PortalSignInOptions> options) =>
        {
            var target = LocalOrDefault(returnUrl);
            if (!options.Value.LocalAccounts.Enabled)
            {
                // Nothing is checked, so nothing is learnt about the account; the attempt is audited as such.
                var named = userName is { Length: > 0 and <= 256 } ? await users.FindByNameAsync(userName) : null;
                await mediator.Send(new RecordAccountEventCommand(AccountEvent.LocalSignInDisabled, named?.UserName, context.Connection.RemoteIpAddress));
                return Results.Redirect($"/account/login?error=local-disabled&returnUrl={Uri.EscapeDataString(target)}");
            }
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

        // Starts single sign-on: a form post (antiforgery-checked), so no other site can start a sign-in for someone.
        group.MapPost("/sso", ([FromForm] string? returnUrl, IOptions<PortalSignInOptions> options) =>
            options.Value.Oidc.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrDefault(returnUrl) }, [OidcOptions.Scheme])
                : Results.Redirect("/account/login?error=sso-off"))
            .AllowAnonymous();

        // It binds no form field, so nothing checks the token unless this does: a cross-site form must not sign anyone out.
        // An SSO user is also signed out at the identity provider when it offers an end-session endpoint.
        group.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AdminUser> signIn, IMediator mediator,
            IOptions<PortalSignInOptions> options) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign out from EpicZoom's own page.",
                    detail: "The request lacks a valid antiforgery token.");
            if (context.User.Identity is { IsAuthenticated: true, Name: var name })
                await mediator.Send(new RecordAccountEventCommand(AccountEvent.SignedOut, name, context.Connection.RemoteIpAddress));

            var atIdp = options.Value.Oidc.Enabled && Sso.OidcSignIn.IsSso(context.User) && await Sso.OidcEndSession.IsOfferedAsync(context);
            if (atIdp)
            {
                // The handler reads the id_token hint from the cookie, so it signs out first; its redirect to the IdP stands.
                await context.SignOutAsync(OidcOptions.Scheme, new AuthenticationProperties { RedirectUri = "/account/login?signedOut=1" });
                await signIn.SignOutAsync();
                return Results.Empty;
            }
            await signIn.SignOutAsync();
            return Results.Redirect("/account/login?signedOut=1");
        }).AllowAnonymous();

        group.MapPost("/change-password", async ([FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword,
            HttpContext context, UserManager<AdminUser> users, SignInManager<AdminUser> signIn, FirstRunAdmin firstRun, IMediator mediator) =>
        {
            var user = Sso.OidcSignIn.IsSso(context.User) ? null : await users.GetUserAsync(context.User);
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
