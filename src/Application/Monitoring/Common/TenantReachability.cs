using System.Collections.Concurrent;

namespace EpicZoom.Application.Monitoring.Common;

/// <summary>
/// Whether each tenant's Epic and Zoom answered the last background probe (<see cref="CheckTenantReachability.CheckTenantReachabilityCommand"/>).
/// Read by the dashboard and the degraded health check; never probed on their request path.
/// </summary>
public sealed class TenantReachability
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, TenantReach> tenants = new();

    public IReadOnlyCollection<TenantReach> All => tenants.Values.ToList();

    public TenantReach? Of(Guid tenantId) => tenants.TryGetValue(tenantId, out var reach) ? reach : null;

    public void Update(TenantReach reach) => tenants[reach.TenantId] = reach;

    /// <summary>Forgets tenants that no longer exist.</summary>
    public void KeepOnly(IReadOnlySet<Guid> tenantIds)
    {
        foreach (var id in tenants.Keys.Where(id => !tenantIds.Contains(id)).ToList()) tenants.TryRemove(id, out _);
    }
}

/// <param name="EpicProblem">Why Epic counts as unreachable (e.g. "HTTP 503", "timed out"); null when it answered.</param>
public sealed record TenantReach(Guid TenantId, string TenantName, DateTime CheckedAtUtc, string? EpicProblem, string? ZoomProblem)
{
    public bool EpicReachable => EpicProblem is null;
    public bool ZoomReachable => ZoomProblem is null;
    public bool AllReachable => EpicReachable && ZoomReachable;
}
