using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EpicZoom.Application.Common.Diagnostics;

/// <summary>
/// The Meter "EpicZoom" (docs/observability.md lists every instrument, its unit and its labels). Labels are codes and
/// ids with few values: tenant id, EZ codes, status codes, templated operation names; never a URL or PHI.
/// Gauges of database state read <see cref="OperationalSnapshot"/>, refreshed in the background, never per scrape.
/// </summary>
public sealed class EpicZoomMetrics : IDisposable
{
    public const string MeterName = EpicZoomTelemetry.Name;

    private readonly Meter meter;
    private readonly Counter<long> webhooksReceived;
    private readonly Counter<long> webhooksRefused;
    private readonly Counter<long> reportAttempts;
    private readonly Counter<long> reportsDelivered;
    private readonly Counter<long> reportsFailed;
    private readonly Counter<long> launches;
    private readonly Histogram<double> launchDuration;
    private readonly Histogram<double> upstreamDuration;
    private readonly Counter<long> texts;
    private readonly Counter<long> alerts;
    private readonly Histogram<double> workPhase;
    private readonly Histogram<long> workBatch;

    public EpicZoomMetrics(OperationalSnapshot snapshot, IMeterFactory? factory = null)
    {
        meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        webhooksReceived = meter.CreateCounter<long>("epiczoom.webhooks.received", "{event}", "Zoom webhooks accepted, by outcome (stored, duplicate, url_validated, ignored).");
        webhooksRefused = meter.CreateCounter<long>("epiczoom.webhooks.refused", "{event}", "Zoom webhooks refused, by reason (EZ-W code).");
        reportAttempts = meter.CreateCounter<long>("epiczoom.reports.attempts", "{attempt}", "Status reports sent to Epic, by Epic's answer (0: no answer).");
        reportsDelivered = meter.CreateCounter<long>("epiczoom.reports.delivered", "{report}", "Status reports Epic accepted.");
        reportsFailed = meter.CreateCounter<long>("epiczoom.reports.failed", "{report}", "Status reports given up after their retry window.");
        launches = meter.CreateCounter<long>("epiczoom.launches", "{launch}", "Launch steps (begin, callback) by outcome: OK or an EZ-L code.");
        launchDuration = meter.CreateHistogram<double>("epiczoom.launch.duration", "s", "Time a launch step took, by step and outcome.");
        upstreamDuration = meter.CreateHistogram<double>("epiczoom.upstream.duration", "s", "Calls to Epic, Zoom and the SMS provider, by system, operation and status.");
        texts = meter.CreateCounter<long>("epiczoom.texts", "{text}", "Texts to patients reaching a status (sending, refused, queued, sent, delivered, undelivered, failed).");
        alerts = meter.CreateCounter<long>("epiczoom.alerts", "{alert}", "Alerts raised, by condition (report_failed, epic_failing, inbox_lag); repeats within the quiet period are not counted.");

        workPhase = meter.CreateHistogram<double>("epiczoom.work.phase.duration", "s",
            "Time a background batch spent in each phase, by worker (webhook_processing, report_dispatch) and phase (query, read_ahead, apply, commit; claim, send, commit).");
        workBatch = meter.CreateHistogram<long>("epiczoom.work.batch.size", "{item}",
            "Items per background batch, by worker and path (batch, one_by_one: a batch that failed and was applied event by event).");

        meter.CreateObservableGauge("epiczoom.inbox.lag", () => snapshot.Current.InboxLagSeconds, "s", "Age of the oldest webhook event not yet processed (0 when none).");
        meter.CreateObservableGauge("epiczoom.inbox.pending", () => snapshot.Current.InboxPending, "{event}", "Webhook events not yet processed.");
        meter.CreateObservableGauge("epiczoom.reports.oldest_pending_age", () => snapshot.Current.OldestPendingReportSeconds, "s", "Age of the oldest status report not yet delivered (0 when none).");
        meter.CreateObservableGauge("epiczoom.reports.pending", () => snapshot.Current.PendingReports, "{report}", "Status reports not yet delivered nor failed.");
    }

    public void WebhookReceived(string outcome) => webhooksReceived.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void WebhookRefused(string reason) => webhooksRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ReportAttempted(Guid tenantId, string kind, int respCode, bool delivered, bool failed)
    {
        var tenant = new KeyValuePair<string, object?>("tenant", tenantId.ToString());
        var reportKind = new KeyValuePair<string, object?>("kind", kind);
        reportAttempts.Add(1, tenant, reportKind, new KeyValuePair<string, object?>("resp_code", respCode));
        if (delivered) reportsDelivered.Add(1, tenant, reportKind);
        if (failed) reportsFailed.Add(1, tenant, reportKind);
    }

    public void LaunchStep(string step, string? launchType, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "step", step }, { "launch_type", launchType ?? "unknown" }, { "outcome", outcome } };
        launches.Add(1, tags);
        launchDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary><paramref name="status"/> is the HTTP status, or 0 when no answer came (timeout, refused connection).</summary>
    public void UpstreamCall(string system, string operation, int status, TimeSpan duration) =>
        upstreamDuration.Record(duration.TotalSeconds, new TagList { { "system", system }, { "operation", operation }, { "status_code", status } });

    public void TextReached(string status) => texts.Add(1, new KeyValuePair<string, object?>("status", status));

    public void AlertRaised(string condition) => alerts.Add(1, new KeyValuePair<string, object?>("condition", condition));

    /// <summary>One batch of a background worker: its size and the time each phase took.</summary>
    public void WorkBatch(string worker, string path, int items, params ReadOnlySpan<(string Phase, TimeSpan Duration)> phases)
    {
        workBatch.Record(items, new TagList { { "worker", worker }, { "path", path } });
        foreach (var (phase, duration) in phases)
            workPhase.Record(duration.TotalSeconds, new TagList { { "worker", worker }, { "phase", phase } });
    }

    public void Dispose() => meter.Dispose();
}
