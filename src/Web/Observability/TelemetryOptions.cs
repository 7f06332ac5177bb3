using Microsoft.Extensions.Options;

namespace EpicZoom.Web.Observability;

/// <summary>Section "Telemetry" (docs/configuration.md, docs/observability.md).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";
    public const string DefaultServiceName = "epiczoom";

    public string ServiceName { get; set; } = DefaultServiceName;

    public OtlpOptions Otlp { get; set; } = new();

    public PrometheusOptions Prometheus { get; set; } = new();

    public sealed class OtlpOptions
    {
        /// <summary>The collector's URL (e.g. http://otel-collector:4318); unset: nothing is exported over OTLP.</summary>
        public string? Endpoint { get; set; }

        /// <summary><c>http/protobuf</c> (default) or <c>grpc</c>.</summary>
        public string Protocol { get; set; } = "http/protobuf";
    }

    public sealed class PrometheusOptions
    {
        public bool Enabled { get; set; } = true;

        /// <summary>Serve /metrics only on this extra port (e.g. 9464), which EpicZoom then also listens on.</summary>
        public int? Port { get; set; }

        /// <summary>Or: /metrics on the main port, for callers sending <c>Authorization: Bearer {Token}</c>.</summary>
        public string? Token { get; set; }
    }
}

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public const int MinTokenLength = 16;

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceName) || options.ServiceName.Length > 100)
            failures.Add("Telemetry:ServiceName must be 1 to 100 characters (default epiczoom).");
        if (options.Otlp.Endpoint is { Length: > 0 } endpoint
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            failures.Add("Telemetry:Otlp:Endpoint must be an absolute http:// or https:// URL (e.g. http://otel-collector:4318), or unset.");
        if (options.Otlp.Protocol is not ("http/protobuf" or "grpc"))
            failures.Add("Telemetry:Otlp:Protocol must be http/protobuf or grpc.");
        if (options.Prometheus.Port is < 1 or > 65535) failures.Add("Telemetry:Prometheus:Port must be a TCP port (1 to 65535), or unset.");
        if (options.Prometheus.Token is { } token && token.Trim().Length < MinTokenLength)
            failures.Add($"Telemetry:Prometheus:Token must be at least {MinTokenLength} characters (a random secret), or unset.");
        if (options.Prometheus.Port is not null && !string.IsNullOrEmpty(options.Prometheus.Token))
            failures.Add("Set Telemetry:Prometheus:Port or Telemetry:Prometheus:Token, not both.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
