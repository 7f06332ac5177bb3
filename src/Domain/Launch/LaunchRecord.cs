using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Launch;

/// <summary>
/// The audit of one launch: type, tenant, CSN, outcome (OK or an error code), time spent, the detail for IT of a
/// failure (e.g. Epic's OAuth error and its description) and notes on what was skipped. No names.
/// </summary>
public sealed class LaunchRecord
{
    public const int MaxDetailLength = 300;
    public const int MaxNotesLength = 500;

    private LaunchRecord()
    {
        Outcome = "";
        UpstreamCalls = "";
    }

    public Guid Id { get; private set; }
    public TenantId? TenantId { get; private set; }
    public LaunchType? LaunchType { get; private set; }
    public string? Csn { get; private set; }
    public string Outcome { get; private set; }
    public int DurationMs { get; private set; }

    /// <summary>Of <see cref="DurationMs"/>, the time spent waiting on Epic and Zoom; the rest is EpicZoom's own.</summary>
    public int UpstreamMs { get; private set; }

    /// <summary>Which upstream calls the step made, e.g. "epic.smart.token.code=1 zoom.meetings.get=1".</summary>
    public string UpstreamCalls { get; private set; }
    public DateTime AtUtc { get; private set; }

    /// <summary>What IT needs to know about a failure (the page's "Details for IT"); never PHI.</summary>
    public string? Detail { get; private set; }

    /// <summary>What the launch did without, e.g. "Practitioner not read (scope not granted): e-mail unknown"; never PHI.</summary>
    public string? Notes { get; private set; }

    public static LaunchRecord Of(TenantId? tenantId, LaunchType? type, string? csn, string outcome, TimeSpan duration,
        TimeSpan upstream, string upstreamCalls, DateTime atUtc, string? detail = null, IEnumerable<string>? notes = null) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = tenantId,
        LaunchType = type,
        Csn = csn is null ? null : SafeText.Clip(csn, 100),
        Outcome = SafeText.Clip(outcome, 40),
        DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds),
        UpstreamMs = (int)Math.Min(int.MaxValue, upstream.TotalMilliseconds),
        UpstreamCalls = SafeText.Clip(upstreamCalls, 500),
        AtUtc = atUtc,
        Detail = string.IsNullOrEmpty(detail) ? null : SafeText.Sanitize(detail, MaxDetailLength),
        Notes = notes?.ToList() is { Count: > 0 } list ? SafeText.Sanitize(string.Join("; ", list.Distinct()), MaxNotesLength) : null,
    };
}
