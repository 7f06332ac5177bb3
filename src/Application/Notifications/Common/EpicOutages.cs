using System.Collections.Concurrent;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Notifications.Common;

/// <summary>
/// This instance's view of which tenants' Epic is down. An answer of 5xx or 429, or none at all (status 0: time-out,
/// refused connection, no token), puts the tenant's reports behind a probe: they are not sent, and so not given a
/// backoff of their own, until one report — the probe, sent every <see cref="FirstProbe"/> doubling to
/// <see cref="LongestProbe"/> — is answered again. Any answer from Epic (2xx, or a 4xx refusing that one report)
/// means Epic is back: the tenant is up and its waiting reports are made due at once. So a ten-minute outage costs a
/// probe every few seconds, not an attempt per report, and the lights come back within a probe interval of Epic.
/// Kept in memory: another instance finds out for itself with its own first failure, and after a restart the first
/// answer of each tenant brings forward whatever an earlier outage left waiting.
/// </summary>
public sealed class EpicOutages(TimeProvider clock)
{
    public static readonly TimeSpan FirstProbe = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LongestProbe = TimeSpan.FromSeconds(15);

    private readonly Lock gate = new();
    private readonly Dictionary<TenantId, Outage> down = [];
    private readonly ConcurrentDictionary<TenantId, bool> answeredSinceStart = new();

    /// <summary>Whether Epic's answer (its HTTP status, 0 for none) says the tenant's Epic is unavailable rather than refusing one report.</summary>
    public static bool IsOutage(int statusCode) => statusCode is 0 or 429 or >= 500;

    /// <summary>Tenants whose reports wait for a probe now (not due for one).</summary>
    public IReadOnlyCollection<TenantId> Held()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (gate) return down.Where(d => d.Value.NextProbeAtUtc > now).Select(d => d.Key).ToList();
    }

    /// <summary>Tenants due for a probe now; each is then held until the probe's answer or its next probe time.</summary>
    public IReadOnlyCollection<TenantId> TakeProbesDue()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (gate)
        {
            var due = down.Where(d => d.Value.NextProbeAtUtc <= now).Select(d => d.Key).ToList();
            foreach (var tenant in due) down[tenant] = down[tenant].Probed(now);
            return due;
        }
    }

    public bool IsDown(TenantId tenant)
    {
        lock (gate) return down.ContainsKey(tenant);
    }

    /// <summary>When the next probe of a down tenant is due (null when it is up): the dispatcher wakes then.</summary>
    public DateTime? NextProbeAt(TenantId tenant)
    {
        lock (gate) return down.TryGetValue(tenant, out var outage) ? outage.NextProbeAtUtc : null;
    }

    /// <summary>
    /// Takes Epic's answer to one report of the tenant. Returns what changed: <see cref="Change.WentDown"/> the first
    /// time it fails, <see cref="Change.CameBack"/> when it answers after an outage or for the first time since this
    /// instance started (what an outage before a restart left waiting is brought forward then too).
    /// </summary>
    public Change Observe(TenantId tenant, int statusCode)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (IsOutage(statusCode))
        {
            lock (gate)
            {
                if (down.ContainsKey(tenant)) return Change.None;
                down[tenant] = new Outage(now, now + FirstProbe, FirstProbe);
                return Change.WentDown;
            }
        }
        var first = answeredSinceStart.TryAdd(tenant, true);
        lock (gate)
            return down.Remove(tenant) || first ? Change.CameBack : Change.None;
    }

    public enum Change
    {
        None,
        WentDown,
        CameBack,
    }

    private sealed record Outage(DateTime SinceUtc, DateTime NextProbeAtUtc, TimeSpan Interval)
    {
        public Outage Probed(DateTime now)
        {
            var next = Interval * 2 > LongestProbe ? LongestProbe : Interval * 2;
            return this with { NextProbeAtUtc = now + Interval, Interval = next };
        }
    }
}

/// <summary>At most <see cref="NotificationSettings.EpicConcurrencyPerTenant"/> calls to one tenant's Epic at once, in this instance.</summary>
public sealed class EpicCallLimiter(NotificationSettings settings)
{
    private readonly ConcurrentDictionary<TenantId, SemaphoreSlim> slots = new();

    public SemaphoreSlim For(TenantId tenant) => slots.GetOrAdd(tenant, _ => new SemaphoreSlim(settings.EpicConcurrencyPerTenant, settings.EpicConcurrencyPerTenant));
}
