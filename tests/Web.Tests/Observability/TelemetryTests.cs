using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using EpicZoom.Application.Common.Diagnostics;
using EpicZoom.TestSupport;
using EpicZoom.Web.Tests.Launch;
using EpicZoom.Web.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace EpicZoom.Web.Tests.Observability;

/// <summary>
/// A sandbox visit — launches, the host joining through the Zoom simulator's signed webhook, the report to Epic — seen
/// through the app's own OpenTelemetry pipeline (an in-memory exporter beside the real ones) and its /metrics text.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    public const string MetricsToken = "metrics-token-for-the-tests-0123456789";
    private const string PatientFirst = "Zebulon";
    private const string PatientLast = "Quartermaine";
    private readonly SpanLog spans = new();
    private readonly SandboxedApp sandbox;

    public TelemetryTests()
    {
        var app = new EpicZoomApp(new EpicZoomAppOptions
        {
            Sandbox = true,
            Kestrel = true,
            Settings = new Dictionary<string, string?> { ["Telemetry:Prometheus:Token"] = MetricsToken },
            ExtraServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)),
        });
        Task.Run(app.StartedAsync).GetAwaiter().GetResult();
        sandbox = new SandboxedApp(app);
    }

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task SandboxVisit_ProducesLaunchSpansWithUpstreamChildren_AndWebhookProcessingDispatchSpansLinkedInOneChain()
    {
        var visit = await sandbox.LaunchVisitAsync(patientQuery: $"&firstName={PatientFirst}&lastName={PatientLast}");
        var tenantId = await TenantIdAsync();
        await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        await WebhookTestKit.EventuallyAsync(() => sandbox.EpicReportsAsync(visit.Csn), r => r.Count >= 1, "Epic to receive the host's report");
        var dispatch = await WebhookTestKit.EventuallyAsync(() => Task.FromResult(Ours(tenantId).Where(s => s.OperationName == "epic.report dispatch").ToList()),
            d => d.Count >= 1, "the dispatch span");

        var mine = Ours(tenantId);
        // Launch: each step is a span; the Epic and Zoom calls it makes are its children, named by operation.
        var callbacks = mine.Where(s => s.OperationName == "launch callback").ToList();
        Assert.NotEmpty(callbacks);
        Assert.All(callbacks, c => Assert.Equal("OK", c.GetTagItem(EpicZoomTelemetry.OutcomeTag)));
        var all = spans.Snapshot();
        var launchChildren = all.Where(s => callbacks.Any(c => s.ParentSpanId == c.SpanId) && s.Kind == ActivityKind.Client).ToList();
        Assert.Contains(launchChildren, s => (string?)s.GetTagItem("epiczoom.system") == "epic");
        Assert.Contains(launchChildren, s => (string?)s.GetTagItem("epiczoom.system") == "zoom");
        Assert.All(launchChildren, s => Assert.NotNull(s.GetTagItem("epiczoom.operation")));

        // Webhook: receive (in the request) → process (linked) → dispatch (linked), and the call to Epic is the dispatch's child.
        var report = dispatch.First();
        var process = Assert.Single(mine, s => s.OperationName == "zoom.webhook process" && report.Links.Any(l => l.Context.SpanId == s.SpanId));
        var receive = Assert.Single(all, s => s.OperationName == "zoom.webhook receive" && process.Links.Any(l => l.Context.SpanId == s.SpanId));
        Assert.Equal("stored", receive.GetTagItem(EpicZoomTelemetry.OutcomeTag));
        Assert.Equal(process.GetTagItem(EpicZoomTelemetry.EventTypeTag), receive.GetTagItem(EpicZoomTelemetry.EventTypeTag));
        Assert.NotEqual(receive.TraceId, report.TraceId); // background work is a trace of its own, linked, not a child of a finished request
        Assert.Equal(200, report.GetTagItem(EpicZoomTelemetry.RespCodeTag));
        Assert.Contains(all, s => s.ParentSpanId == report.SpanId && s.Kind == ActivityKind.Client && (string?)s.GetTagItem("epiczoom.operation") == "telehealth.status");
        var request = all.SingleOrDefault(s => s.SpanId == receive.ParentSpanId);
        Assert.NotNull(request);
        Assert.Equal(ActivityKind.Server, request.Kind);
    }

    [Fact]
    public async Task SandboxVisit_PutsNoPhiNoTokenAndNoUrlPathOrQueryInAnySpan()
    {
        var visit = await sandbox.LaunchVisitAsync(patientQuery: $"&firstName={PatientFirst}&lastName={PatientLast}");
        await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        await sandbox.JoinAsync(visit.MeetingId, visit.PatientZoomUserId, asHost: false);
        await WebhookTestKit.EventuallyAsync(() => sandbox.EpicReportsAsync(visit.Csn), r => r.Count >= 2, "Epic to receive both reports");
        await Task.Delay(200); // the dispatch spans end just after Epic's answer

        var forbidden = new[] { visit.Csn, visit.PatientEpicId, visit.HostEpicId, visit.ProviderId, visit.HostZoomUserId, visit.PatientZoomUserId, PatientFirst, PatientLast };
        var all = spans.Snapshot();
        Assert.NotEmpty(all);
        foreach (var span in all)
        {
            var texts = span.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(span.DisplayName).Append(span.StatusDescription ?? "")
                .Concat(span.Events.Select(e => e.Name)).ToList();
            foreach (var text in texts)
            {
                Assert.DoesNotContain(forbidden, f => text.Contains(f, StringComparison.OrdinalIgnoreCase));
                Assert.DoesNotContain("@", text); // e-mails (Zoom users are addressed by e-mail in paths)
                Assert.DoesNotMatch("[?&](launch|code|state|iss|org_id)=", text);
            }
            if (span.GetTagItem("url.full") is string url) Assert.Equal("/", new Uri(url).PathAndQuery);
            Assert.Null(span.GetTagItem("url.query"));
        }
        // Incoming paths are route templates: the patient's personal links never appear as sent.
        Assert.Contains(all, s => s.Kind == ActivityKind.Server && (string?)s.GetTagItem("url.path") == "/epicfhir/callback");
        Assert.DoesNotContain(all, s => s.Kind == ActivityKind.Server && ((string?)s.GetTagItem("url.path") ?? "").StartsWith("/sandbox", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SandboxVisit_ShowsInMetrics_WebhooksLaunchesReportsUpstreamCallsAndQueueGauges()
    {
        var visit = await sandbox.LaunchVisitAsync();
        await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        await WebhookTestKit.EventuallyAsync(() => sandbox.EpicReportsAsync(visit.Csn), r => r.Count >= 1, "Epic to receive the host's report");
        var tenantId = await TenantIdAsync();

        var text = await WebhookTestKit.EventuallyAsync(ScrapeAsync, t => Metrics.HasSeries(t, "epiczoom_reports_delivered_total", $"tenant=\"{tenantId}\"", "kind=\"Connected\""),
            "the delivered report in /metrics");

        Assert.True(Metrics.HasSeries(text, "epiczoom_webhooks_received_total", "outcome=\"stored\""), "webhooks received");
        Assert.True(Metrics.HasSeries(text, "epiczoom_launches_total", "outcome=\"OK\"", "step=\"callback\"", "launch_type=\"Provider\""), "launch outcomes");
        Assert.True(Metrics.HasSeries(text, "epiczoom_launch_duration_seconds_bucket", "step=\"begin\""), "launch durations");
        Assert.True(Metrics.HasSeries(text, "epiczoom_upstream_duration_seconds_count", "system=\"epic\"", "operation=\"telehealth.status\"", "status_code=\"200\""), "Epic call latency by operation and status");
        Assert.True(Metrics.HasSeries(text, "epiczoom_upstream_duration_seconds_count", "system=\"zoom\"", "operation=\"meetings.create\""), "Zoom call latency");
        Assert.True(Metrics.HasSeries(text, "epiczoom_reports_attempts_total", "resp_code=\"200\""), "report attempts by RespCode");
        // The background batches that carried it: the processor's and the dispatcher's, by phase.
        Assert.True(Metrics.HasSeries(text, "epiczoom_work_batch_size_count", "worker=\"webhook_processing\"", "path=\"batch\""), "webhook processing batches");
        Assert.True(Metrics.HasSeries(text, "epiczoom_work_phase_duration_seconds_count", "worker=\"webhook_processing\"", "phase=\"commit\""), "webhook processing commit time");
        Assert.True(Metrics.HasSeries(text, "epiczoom_work_phase_duration_seconds_count", "worker=\"report_dispatch\"", "phase=\"send\""), "dispatch send time");
        Assert.Contains("epiczoom_inbox_lag_seconds", text);
        Assert.Contains("epiczoom_reports_oldest_pending_age_seconds", text);
        // Labels are codes and names, never the visit's data or a URL.
        Assert.DoesNotContain(visit.Csn, text);
        Assert.DoesNotContain(visit.HostEpicId, text);
        Assert.DoesNotContain("http://", text);
    }

    [Fact]
    public async Task RefusedWebhooks_AreCountedByTheirEzWCode()
    {
        var badSignature = await sandbox.PostWebhookAsync(WebhookTestKit.MeetingEvent("meeting.started", 1), WebhookTestKit.Timestamp(), "v0=00");
        Assert.Equal(HttpStatusCode.Unauthorized, badSignature.StatusCode);
        var form = await sandbox.Http.PostAsync("/zoom/webhooks", new StringContent("event=meeting.started", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.True(form.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{form.StatusCode} {await form.Content.ReadAsStringAsync()}");

        var text = await ScrapeAsync();
        Assert.True(Metrics.HasSeries(text, "epiczoom_webhooks_refused_total", "reason=\"EZ-W003\""), "bad signature counted");
        Assert.True(Metrics.HasSeries(text, "epiczoom_webhooks_refused_total", "reason=\"EZ-W009\""), "wrong media type counted");
    }

    private async Task<string> ScrapeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsToken);
        var response = await sandbox.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<Guid> TenantIdAsync() =>
        sandbox.App.DbAsync(async db => (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Tenants, t => t.OrgId == EpicZoomApp.SandboxOrgId)).Id.Value);

    /// <summary>Every host in the test process feeds every tracer provider: only this app's tenant's spans.</summary>
    private List<Activity> Ours(Guid tenantId) =>
        spans.Snapshot().Where(s => (string?)s.GetTagItem(EpicZoomTelemetry.TenantTag) == tenantId.ToString()).ToList();
}

/// <summary>Reading Prometheus text: a series of a metric carrying all the given labels, in whatever order the exporter writes them.</summary>
internal static class Metrics
{
    public static bool HasSeries(string text, string name, params string[] labels) =>
        text.Split('\n').Any(line => line.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)));
}

/// <summary>A thread-safe collection the in-memory exporter can add to while a test reads.</summary>
internal sealed class SpanLog : ICollection<Activity>
{
    private readonly Lock gate = new();
    private readonly List<Activity> items = [];

    public int Count
    {
        get
        {
            lock (gate) return items.Count;
        }
    }

    public bool IsReadOnly => false;

    public List<Activity> Snapshot()
    {
        lock (gate) return [.. items];
    }

    public void Add(Activity item)
    {
        lock (gate) items.Add(item);
    }

    public void Clear()
    {
        lock (gate) items.Clear();
    }

    public bool Contains(Activity item)
    {
        lock (gate) return items.Contains(item);
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (gate) items.CopyTo(array, arrayIndex);
    }

    public bool Remove(Activity item)
    {
        lock (gate) return items.Remove(item);
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
