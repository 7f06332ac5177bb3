namespace EpicZoom.Sandbox.Faults;

/// <summary>
/// What a test asks for: fail requests to an endpoint (by fault name, e.g. "token", or by path
/// prefix, e.g. "/sandbox/zoom/v2/users") with a status code and/or a delay.
/// </summary>
/// A 429 carries Retry-After (<see cref="RetryAfterSeconds"/>, default 1) and, when given, Zoom's X-RateLimit-Type.
internal sealed record FaultRequest(
    string? Endpoint, int? StatusCode, int? DelayMs, int? FailNext, double? FailRatio, int? RetryAfterSeconds = null, string? RateLimitType = null);

/// <summary>
/// An active rule. Without <see cref="FailNext"/> it applies until cleared; without
/// <see cref="FailRatio"/> it applies to every matching request. A rule with no status code
/// only delays.
/// </summary>
internal sealed record FaultRule(int Id, string Endpoint, int? StatusCode, int DelayMs, int? FailNext, double? FailRatio)
{
    /// <summary>Retry-After of an injected 429 in seconds; negative sends none.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    public string? RateLimitType { get; init; }

    public bool Matches(string? endpointName, string path) =>
        Endpoint.StartsWith('/')
            ? path.StartsWith(Endpoint, StringComparison.OrdinalIgnoreCase)
            : string.Equals(Endpoint, endpointName, StringComparison.OrdinalIgnoreCase);
}

/// <summary>What the filter does to one request.</summary>
internal sealed record FaultDecision(int? StatusCode, int DelayMs, int RetryAfterSeconds = 1, string? RateLimitType = null);

/// <summary>Marks an endpoint with the name fault rules can target.</summary>
internal sealed record FaultName(string Name);
