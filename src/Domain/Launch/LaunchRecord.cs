using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Launch;

/// <summary>The audit of one launch: type, tenant, CSN, outcome (OK or an error code) and time spent. No names.</summary>
public sealed class LaunchRecord
{
    private LaunchRecord()
    {
        Outcome = "";
    }

    public Guid Id { get; private set; }
    public TenantId? TenantId { get; private set; }
    public LaunchType? LaunchType { get; private set; }
    public string? Csn { get; private set; }
    public string Outcome { get; private set; }
    public int DurationMs { get; private set; }
    public DateTime AtUtc { get; private set; }

    public static LaunchRecord Of(TenantId? tenantId, LaunchType? type, string? csn, string outcome, TimeSpan duration, DateTime atUtc) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = tenantId,
        LaunchType = type,
        Csn = csn is { Length: > 100 } ? csn[..100] : csn,
        Outcome = outcome.Length > 40 ? outcome[..40] : outcome,
        DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds),
        AtUtc = atUtc,
    };
}
