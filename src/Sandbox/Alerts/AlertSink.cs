using System.Text;
using System.Text.Json;
using EpicZoom.Sandbox.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Alerts;

/// <summary>One alert as the sink received it.</summary>
internal sealed record ReceivedAlert(DateTimeOffset ReceivedAt, string Text);

/// <summary>
/// A stand-in for a Teams or Slack incoming webhook: POST /sandbox/alerts/{channel} takes <c>{"text": "…"}</c> and answers
/// 200 like they do; /sandbox/alerts shows what arrived; /sandbox/alerts/_test/received lists it as JSON for tests.
/// The channel segment plays the secret part of a real webhook URL.
/// </summary>
internal static class AlertSink
{
    public const int MaxBodyBytes = 28 * 1024;

    public static void MapAlertSink(this IEndpointRouteBuilder sandbox)
    {
        var alerts = sandbox.MapGroup("/alerts");
        alerts.MapPost("/{channel}", ReceiveAsync);
        alerts.MapGet("", (AlertLog log) => Html.Page("Alert inbox", Render(log.Snapshot())));
        alerts.MapGet("/_test/received", (AlertLog log) => Results.Json(log.Snapshot().Select(a => new { receivedAt = a.ReceivedAt, text = a.Text })));
        alerts.MapDelete("/_test/received", (AlertLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, AlertLog log, TimeProvider clock)
    {
        if (http.Request.ContentLength > MaxBodyBytes) return Results.Text("Payload too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > MaxBodyBytes) return Results.Text("Payload too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        try
        {
            using var doc = JsonDocument.Parse(buffer.ToArray());
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                return Results.Text("Expected a JSON object with a \"text\" string.", statusCode: StatusCodes.Status400BadRequest);
            log.Add(new ReceivedAlert(clock.GetUtcNow(), text.GetString()!));
            // Slack answers "ok"; Teams answers 200 with an empty body or "1".
            return Results.Text("ok");
        }
        catch (JsonException)
        {
            return Results.Text("The body is not JSON.", statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static string Render(IReadOnlyList<ReceivedAlert> alerts)
    {
        var html = new StringBuilder("<p class=\"muted\">Alerts EpicZoom posted to the sandbox's incoming webhook, newest first. Set the alert webhook to <code>{this server}/sandbox/alerts/ops</code> on EpicZoom's Alerts page.</p>");
        if (alerts.Count == 0) return html.Append("<p>No alert received yet.</p>").ToString();
        html.Append("<table><thead><tr><th>Received (UTC)</th><th>Text</th></tr></thead><tbody>");
        foreach (var alert in alerts.Reverse())
            html.Append($"<tr><td>{Html.E(alert.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))}</td><td>{Html.E(alert.Text)}</td></tr>");
        return html.Append("</tbody></table>").ToString();
    }
}

/// <summary>The newest 200 alerts received.</summary>
internal sealed class AlertLog
{
    private readonly BoundedLog<ReceivedAlert> log = new(200);

    public void Add(ReceivedAlert alert) => log.Add(alert);

    public IReadOnlyList<ReceivedAlert> Snapshot() => log.Snapshot();

    public void Clear() => log.Clear();
}
