using System.Diagnostics;

namespace EpicZoom.Application.Common.Diagnostics;

/// <summary>
/// The ActivitySource of EpicZoom's own spans (launch steps, webhook receive → processing → dispatch) and the tag names
/// they use. Tags carry ids and codes only — tenant id, record id, EZ codes, status codes, event types — never a CSN,
/// a name, an MRN, a phone number, an e-mail, a token or a URL with its query.
/// </summary>
public static class EpicZoomTelemetry
{
    public const string Name = "EpicZoom";

    public static readonly ActivitySource Source = new(Name);

    public const string TenantTag = "epiczoom.tenant_id";
    public const string OutcomeTag = "epiczoom.outcome";
    public const string LaunchTypeTag = "epiczoom.launch_type";
    public const string EventTypeTag = "epiczoom.event_type";
    public const string RecordTag = "epiczoom.notification_record_id";
    public const string WebhookEventTag = "epiczoom.webhook_event_id";
    public const string RespCodeTag = "epiczoom.resp_code";
    public const string KindTag = "epiczoom.report_kind";

    /// <summary>A span that continues nothing but links to <paramref name="traceParents"/> (the traces that caused this work).</summary>
    public static Activity? StartLinked(string name, IEnumerable<string?> traceParents)
    {
        var links = new List<ActivityLink>();
        foreach (var parent in traceParents)
            if (parent is not null && ActivityContext.TryParse(parent, null, out var context)) links.Add(new ActivityLink(context));
        // Background work has no parent of its own: a new trace per unit of work, linked to its causes.
        return Source.StartActivity(name, ActivityKind.Internal, parentContext: default, links: links);
    }

    /// <summary>The current span's W3C traceparent, to be stored with a row whose later processing links back to it.</summary>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
}
