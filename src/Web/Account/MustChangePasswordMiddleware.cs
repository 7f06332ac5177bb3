namespace EpicZoom.Web.Account;

internal static class MustChangePasswordMiddleware
{
    /// <summary>An admin still on the generated password can do nothing but choose a new one.</summary>
    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var mustChange = context.User.HasClaim(AdminClaimsPrincipalFactory.MustChangePasswordClaim, "true");
        var path = context.Request.Path;
        if (mustChange && !path.StartsWithSegments("/account") && !path.StartsWithSegments("/_framework") &&
            !path.StartsWithSegments("/_content") && !path.StartsWithSegments("/health"))
        {
            if (path.StartsWithSegments("/api")) context.Response.StatusCode = StatusCodes.Status403Forbidden;
            else context.Response.Redirect("/account/change-password");
            return;
        }
        await next();
    });
}
