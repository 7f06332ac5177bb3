namespace EpicZoom.Infrastructure.External.Http;

/// <summary>
/// What the web host's HTTP-client tracing may know about an outgoing request: only EpicZoom's own external calls are
/// traced (not a test's client, not the in-process simulators' callers), under their operation name, never their URL.
/// </summary>
public static class OutboundTelemetry
{
    /// <summary>The operation ("users.get", "telehealth.status") of one of EpicZoom's external calls; null for any other request.</summary>
    public static string? OperationOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(ExternalRequest.Operation, out var operation) ? operation : null;

    /// <summary>"epic", "zoom", "sms", "alerts" as set by the client's pipeline; null when unknown.</summary>
    public static string? SystemOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(ExternalRequest.System, out var system) ? system : null;
}
