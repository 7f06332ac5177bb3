using System.Diagnostics;
using EpicZoom.Application.Common.Diagnostics;
using EpicZoom.Infrastructure.Configuration;
using EpicZoom.Infrastructure.External.Http;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EpicZoom.Web.Observability;

/// <summary>
/// OpenTelemetry for the host: EpicZoom's own spans and Meter, ASP.NET Core and HTTP-client instrumentation, OTLP when
/// Telemetry:Otlp:Endpoint is set, Prometheus on /metrics (<see cref="MetricsEndpoint"/>). Every span passes
/// <see cref="RedactingProcessor"/> before any exporter sees it.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>Requests that are not EpicZoom's work: scrapes, probes, Blazor's circuit and assets, the in-process simulators.</summary>
    private static readonly string[] UntracedPaths = ["/metrics", "/health", "/_blazor", "/_framework", "/_content", "/sandbox", "/favicon"];

    public static IServiceCollection AddEpicZoomTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        services.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(section);
        var options = ValidatedOptions.ReadNow(section, new TelemetryOptionsValidator());
        var otlp = options.Otlp.Endpoint is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        var protocol = options.Otlp.Protocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(tracing =>
            {
                // Every trace is recorded, whatever a caller's traceparent says about sampling: Epic, Zoom and proxies do
                // not sample for EpicZoom (nor do the in-process simulators' and tests' clients, whose requests are not
                // traced). Sample in the collector.
                tracing.SetSampler(new ParentBasedSampler(new AlwaysOnSampler(), remoteParentNotSampled: new AlwaysOnSampler()))
                    .AddProcessor(new RedactingProcessor())
                    .AddSource(EpicZoomTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = context => !UntracedPaths.Any(p => context.Request.Path.StartsWithSegments(p));
                        o.RecordException = false;
                    })
                    .AddHttpClientInstrumentation(o =>
                    {
                        // Only EpicZoom's calls to Epic, Zoom, the SMS provider and the alert webhook; never a test host's client.
                        o.FilterHttpRequestMessage = request => OutboundTelemetry.OperationOf(request) is not null;
                        o.EnrichWithHttpRequestMessage = (activity, request) =>
                        {
                            var operation = OutboundTelemetry.OperationOf(request);
                            activity.SetTag("epiczoom.operation", operation);
                            activity.SetTag("epiczoom.system", OutboundTelemetry.SystemOf(request));
                            activity.DisplayName = $"{request.Method.Method} {OutboundTelemetry.SystemOf(request)} {operation}";
                        };
                        o.RecordException = false;
                    });
                if (otlp is not null) tracing.AddOtlpExporter(e => (e.Endpoint, e.Protocol) = (SignalEndpoint(otlp, protocol, "v1/traces"), protocol));
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(EpicZoomMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (options.Prometheus.Enabled) metrics.AddPrometheusExporter();
                if (otlp is not null) metrics.AddOtlpExporter(e => (e.Endpoint, e.Protocol) = (SignalEndpoint(otlp, protocol, "v1/metrics"), protocol));
            });
        return services;
    }

    /// <summary>
    /// Adds http://*:{Telemetry:Prometheus:Port} to the addresses Kestrel listens on (ASPNETCORE_URLS / --urls, or
    /// ASPNETCORE_HTTP_PORTS), so /metrics is served there and nowhere else. Endpoints set in Kestrel's own configuration
    /// replace these addresses: then add the port there (docs/observability.md).
    /// </summary>
    public static WebApplicationBuilder ListenOnMetricsPort(this WebApplicationBuilder builder)
    {
        var port = builder.Configuration.GetSection(TelemetryOptions.SectionName).GetValue<int?>("Prometheus:Port");
        if (port is not { } metricsPort || metricsPort is < 1 or > 65535) return builder;
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        var httpPorts = builder.WebHost.GetSetting("HTTP_PORTS");
        if (!string.IsNullOrWhiteSpace(urls)) builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, $"{urls};http://*:{metricsPort}");
        else if (!string.IsNullOrWhiteSpace(httpPorts)) builder.WebHost.UseSetting("HTTP_PORTS", $"{httpPorts};{metricsPort}");
        else builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://localhost:5000;http://*:{metricsPort}");
        return builder;
    }

    /// <summary>OTLP/HTTP wants the signal's path on the endpoint (the SDK adds it only for the environment variable); gRPC does not.</summary>
    private static Uri SignalEndpoint(Uri endpoint, OtlpExportProtocol protocol, string signal) =>
        protocol == OtlpExportProtocol.Grpc || endpoint.AbsolutePath.EndsWith(signal, StringComparison.Ordinal)
            ? endpoint
            : new Uri(endpoint.GetLeftPart(UriPartial.Authority) + endpoint.AbsolutePath.TrimEnd('/') + "/" + signal);

    /// <summary>
    /// The last word on what a span may carry, whatever an instrumentation set: an outgoing URL keeps its scheme, host and
    /// port only (paths hold e-mails and FHIR ids, queries hold launch tokens and codes); an incoming one keeps its route
    /// template, never the path as sent (patient links carry tokens) nor the query (iss, launch, code, state).
    /// </summary>
    internal sealed class RedactingProcessor : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity activity)
        {
            if (activity.GetTagItem("url.full") is string full && Uri.TryCreate(full, UriKind.Absolute, out var url))
                activity.SetTag("url.full", url.GetLeftPart(UriPartial.Authority) + "/");
            if (activity.GetTagItem("url.query") is not null) activity.SetTag("url.query", null);
            if (activity.Kind == ActivityKind.Server && activity.GetTagItem("url.path") is not null)
                activity.SetTag("url.path", activity.GetTagItem("http.route") as string ?? "[redacted]");
            if (activity.GetTagItem("http.request.header.referer") is not null) activity.SetTag("http.request.header.referer", null);
        }
    }
}
