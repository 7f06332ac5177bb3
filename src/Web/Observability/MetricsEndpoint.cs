using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EpicZoom.Web.Observability;

/// <summary>
/// /metrics (Prometheus text): on its own port (Telemetry:Prometheus:Port: nowhere else), or on the main port to callers
/// with the bearer token (Telemetry:Prometheus:Token), or — with neither — to loopback callers only. Anyone else gets a
/// 404 (on another port, where /metrics does not exist) or a 401 (token missing or wrong), never the figures.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static WebApplication MapEpicZoomMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (!options.Enabled) return app;
        app.UseWhen(context => context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (context, next) =>
        {
            var refusal = Refusal(context, options);
            if (refusal is { } status)
            {
                context.Response.StatusCode = status;
                if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer realm=\"metrics\"";
                await context.Response.WriteAsync(status == StatusCodes.Status404NotFound ? "Not found." : "A bearer token is required for /metrics.");
                return;
            }
            await next(context);
        }));
        app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    /// <summary>The status to refuse with, or null to serve.</summary>
    internal static int? Refusal(HttpContext context, TelemetryOptions.PrometheusOptions options)
    {
        if (options.Port is { } port) return context.Connection.LocalPort == port ? null : StatusCodes.Status404NotFound;
        // Nothing but /metrics on the metrics port; the token guards the main port.
        if (options.Token is { Length: > 0 } token)
            return HasToken(context, token.Trim()) ? null : StatusCodes.Status401Unauthorized;
        return context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote) ? null : StatusCodes.Status404NotFound;
    }

    private static bool HasToken(HttpContext context, string token)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var given = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Only /metrics on the metrics port: the portal, launches and webhooks are not served there.</summary>
    public static WebApplication UseMetricsPortForMetricsOnly(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (options is not { Enabled: true, Port: { } port }) return app;
        app.Use(async (context, next) =>
        {
            if (context.Connection.LocalPort == port && !context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });
        return app;
    }
}
