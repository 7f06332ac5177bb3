namespace EpicZoom.Web.Common;

internal static class SecurityHeaders
{
    private const string FrameAncestorsKey = "EpicZoom.FrameAncestors";

    /// <summary>
    /// Baseline headers for every response: never sniffed, and never framed (clickjacking) unless the page belongs to a
    /// tenant whose EHR embeds EpicZoom (<see cref="AllowFraming"/>): then CSP frame-ancestors names exactly those origins.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        context.Response.OnStarting(() =>
        {
            var origins = context.Items[FrameAncestorsKey] as string;
            if (string.IsNullOrWhiteSpace(origins))
            {
                headers["X-Frame-Options"] = "DENY";
                AddFrameAncestors(headers, "'none'");
            }
            else
            {
                // X-Frame-Options cannot name origins; browsers that know CSP ignore it when frame-ancestors is present.
                headers.Remove("X-Frame-Options");
                AddFrameAncestors(headers, origins);
            }
            return Task.CompletedTask;
        });
        await next();
    });

    /// <summary>Lets the tenant's EHR origins (validated, space-separated, from its settings) frame this response.</summary>
    public static void AllowFraming(this HttpContext context, string? origins) => context.Items[FrameAncestorsKey] = origins;

    private static void AddFrameAncestors(IHeaderDictionary headers, string sources)
    {
        var existing = headers.ContentSecurityPolicy.ToString();
        var directive = $"frame-ancestors {sources}";
        headers.ContentSecurityPolicy = existing.Length == 0 ? directive : $"{existing.TrimEnd(';', ' ')}; {directive}";
    }
}
