namespace EpicZoom.Web.Common;

internal static class SecurityHeaders
{
    /// <summary>Baseline headers for every response; pages are never framed (clickjacking) nor sniffed.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        await next();
    });
}
