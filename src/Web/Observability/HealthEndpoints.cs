using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EpicZoom.Web.Observability;

/// <summary>
/// <c>/health/live</c>: the process answers (no check runs). <c>/health/ready</c>: database reachable, migrations
/// applied, key ring readable (503 when any fails), plus the tenants' Epic/Zoom reachability from the last background
/// probe as Degraded (still 200). Anonymous JSON: check names, statuses and short descriptions, never a secret or a URL.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static WebApplication MapEpicZoomHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).AllowAnonymous();
        // The address existing monitors and scripts already use: readiness.
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString());
                // A check that threw has the exception's message as its description, which may name a host or a file: its type only.
                json.WriteString("description", entry.Exception is { } failure ? $"failed ({failure.GetType().Name})" : entry.Description);
                if (entry.Data.Count > 0)
                {
                    json.WriteStartObject("data");
                    foreach (var (key, value) in entry.Data) json.WriteString(key, value?.ToString());
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return context.Response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }
}
