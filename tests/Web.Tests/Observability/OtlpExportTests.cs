using System.Text;
using EpicZoom.Application.Common.Diagnostics;
using EpicZoom.TestSupport;
using EpicZoom.Web.Tests.Launch;
using EpicZoom.Web.Tests.Webhooks;

namespace EpicZoom.Web.Tests.Observability;

/// <summary>
/// The OTLP exporter as an operator turns it on (Telemetry:Otlp:Endpoint, docs/observability.md), against a stand-in
/// collector on loopback: what leaves EpicZoom over the wire for one sandbox visit, decoded from the protobuf bodies.
/// The export delays are the standard OTEL_* settings, short here so the test polls for seconds, not a minute.
/// Alone, not beside other tests: the meter "EpicZoom" has one name in every app of this process, and an app started by a
/// test running alongside fed its own series (another tenant's delivered report) into this app's exporter while this
/// app's report never reached it (the failure seen in CI, once in three or four runs).
/// </summary>
[Collection(nameof(OtlpExportCollection))]
public sealed class OtlpExportTests : IAsyncLifetime
{
    private const string PatientFirst = "Ottoline";
    private const string PatientLast = "Brackenridge";
    private OtlpReceiver collector = null!;
    private SandboxedApp sandbox = null!;

    public async Task InitializeAsync()
    {
        collector = await OtlpReceiver.StartAsync();
        var app = new EpicZoomApp(new EpicZoomAppOptions
        {
            Sandbox = true,
            Kestrel = true,
            Settings = new Dictionary<string, string?>
            {
                ["Telemetry:Otlp:Endpoint"] = collector.Endpoint,
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "250",
            },
        });
        await app.StartedAsync();
        sandbox = new SandboxedApp(app);
    }

    public async Task DisposeAsync()
    {
        sandbox.Dispose();
        await collector.DisposeAsync();
    }

    [Fact]
    public async Task SandboxVisit_ReachesTheCollector_AsLaunchWebhookAndDispatchSpansWithEpicAndZoomClientChildren_AndNoPhi()
    {
        var visit = await sandbox.LaunchVisitAsync(patientQuery: $"&firstName={PatientFirst}&lastName={PatientLast}");
        var tenantId = (await sandbox.DbAsync(db => Task.FromResult(db.Tenants.Single(t => t.OrgId == EpicZoomApp.SandboxOrgId).Id.Value))).ToString();
        await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        await WebhookTestKit.EventuallyAsync(() => sandbox.EpicReportsAsync(visit.Csn), r => r.Count >= 1, "Epic to receive the host's report");

        List<OtlpSpan> Received() => [.. collector.Traces.ToArray().SelectMany(OtlpSpan.Read)];
        bool IsOurs(OtlpSpan s) => s.Attributes.GetValueOrDefault(EpicZoomTelemetry.TenantTag) == tenantId;
        var spans = await Eventually.HoldsAsync(() => Task.FromResult(Received()),
            all => all.Any(s => s.Name == "epic.report dispatch" && IsOurs(s)) && all.Any(s => s.Name == "launch callback" && IsOurs(s)),
            "the launch and dispatch spans at the collector", TimeSpan.FromSeconds(20), describe: all => string.Join(", ", all.Select(s => s.Name).Distinct()));
        // The dispatch's own HTTP call ends before it does, so it is in the same or an earlier batch.

        var callbacks = spans.Where(s => s.Name == "launch callback" && IsOurs(s)).ToList();
        Assert.All(callbacks, c => Assert.Equal("OK", c.Attributes[EpicZoomTelemetry.OutcomeTag]));
        Assert.Contains(spans, s => s.Name == "launch begin" && IsOurs(s) && s.Scope == EpicZoomTelemetry.Name);
        var launchCalls = spans.Where(s => s.Kind == OtlpSpan.KindClient && callbacks.Any(c => c.SpanId == s.ParentSpanId && c.TraceId == s.TraceId)).ToList();
        Assert.Contains(launchCalls, s => s.Attributes.GetValueOrDefault("epiczoom.system") == "epic");
        Assert.Contains(launchCalls, s => s.Attributes.GetValueOrDefault("epiczoom.system") == "zoom" && s.Attributes.GetValueOrDefault("epiczoom.operation") == "meetings.create");

        var dispatch = spans.First(s => s.Name == "epic.report dispatch" && IsOurs(s));
        Assert.Equal("Connected", dispatch.Attributes[EpicZoomTelemetry.KindTag]);
        Assert.Equal("200", dispatch.Attributes[EpicZoomTelemetry.RespCodeTag]);
        Assert.Contains(spans, s => s.Kind == OtlpSpan.KindClient && s.ParentSpanId == dispatch.SpanId && s.Attributes.GetValueOrDefault("epiczoom.operation") == "telehealth.status");
        var process = Assert.Single(spans, s => s.Name == "zoom.webhook process" && dispatch.Links.Any(l => l.SpanId == s.SpanId));
        var receive = Assert.Single(spans, s => s.Name == "zoom.webhook receive" && process.Links.Any(l => l.SpanId == s.SpanId));
        Assert.Equal("stored", receive.Attributes[EpicZoomTelemetry.OutcomeTag]);
        Assert.Contains(spans, s => s.Kind == OtlpSpan.KindServer && s.SpanId == receive.ParentSpanId && s.Attributes.GetValueOrDefault("http.route") == "/zoom/webhooks");

        // Byte for byte, nothing of the visit's identity went over the wire (names, CSN, Epic and Zoom ids, e-mails).
        var wire = collector.Traces.ToArray().Concat(collector.Metrics.ToArray()).Select(b => Encoding.UTF8.GetString(b)).ToList();
        foreach (var secret in new[] { visit.Csn, visit.PatientEpicId, visit.HostEpicId, visit.ProviderId, visit.HostZoomUserId, visit.PatientZoomUserId, PatientFirst, PatientLast })
            Assert.DoesNotContain(wire, body => body.Contains(secret, StringComparison.OrdinalIgnoreCase));
        // E-mails (Zoom addresses users by e-mail in paths) in any decoded string; raw bytes hold '@' as plain binary.
        Assert.DoesNotContain(spans, s => s.Name.Contains('@') || s.Attributes.Values.Any(v => v.Contains('@')));
        Assert.Empty(collector.Unexpected);
    }

    [Fact]
    public async Task SandboxVisit_ReachesTheCollector_AsTheDocumentedInstruments()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var tenantId = (await sandbox.DbAsync(db => Task.FromResult(db.Tenants.Single(t => t.OrgId == EpicZoomApp.SandboxOrgId).Id.Value))).ToString();
        await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        await WebhookTestKit.EventuallyAsync(() => sandbox.EpicReportsAsync(visit.Csn), r => r.Count >= 1, "Epic to receive the host's report");

        // Cumulative temporality: a later export still carries every series, so the newest bodies are enough.
        List<OtlpMetric> Received() => [.. collector.Metrics.ToArray().SelectMany(OtlpMetric.Read)];
        static bool Has(List<OtlpMetric> metrics, string name, string type, params (string Key, string Value)[] labels) =>
            metrics.Any(m => m.Name == name && m.Type == type && m.Points.Any(p => labels.All(l => p.GetValueOrDefault(l.Key) == l.Value)));
        var metrics = await Eventually.HoldsAsync(() => Task.FromResult(Received()),
            m => Has(m, "epiczoom.reports.delivered", "sum", ("tenant", tenantId), ("kind", "Connected")),
            "the delivered report at the collector", TimeSpan.FromSeconds(20), describe: m => string.Join(", ", m.Select(x => x.Name).Distinct()) +
                $"; reports.delivered points (our tenant {tenantId}): " + string.Join("; ", m.Where(x => x.Name == "epiczoom.reports.delivered")
                    .SelectMany(x => x.Points).Select(p => string.Join(",", p.Select(kv => $"{kv.Key}={kv.Value}"))).Distinct()));

        Assert.True(Has(metrics, "epiczoom.launches", "sum", ("step", "callback"), ("launch_type", "Provider"), ("outcome", "OK")), "launch outcomes");
        Assert.True(Has(metrics, "epiczoom.launch.duration", "histogram", ("step", "begin")), "launch durations");
        Assert.True(Has(metrics, "epiczoom.webhooks.received", "sum", ("outcome", "stored")), "webhooks received");
        Assert.True(Has(metrics, "epiczoom.reports.attempts", "sum", ("tenant", tenantId), ("resp_code", "200")), "report attempts by RespCode");
        Assert.True(Has(metrics, "epiczoom.upstream.duration", "histogram", ("system", "epic"), ("operation", "telehealth.status")), "Epic call latency");
        Assert.True(Has(metrics, "epiczoom.upstream.duration", "histogram", ("system", "zoom"), ("operation", "meetings.create")), "Zoom call latency");
        Assert.True(Has(metrics, "epiczoom.inbox.lag", "gauge"), "inbox lag gauge");
        Assert.True(Has(metrics, "epiczoom.reports.oldest_pending_age", "gauge"), "oldest pending report gauge");
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
    }
}

[CollectionDefinition(nameof(OtlpExportCollection), DisableParallelization = true)]
public sealed class OtlpExportCollection;
