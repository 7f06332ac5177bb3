using System.Collections.Concurrent;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Visits.GetWaitingStatus;

/// <summary>Settings of the waiting room's fallback Zoom check (section "WaitingRoom", docs/configuration.md).</summary>
/// <param name="ZoomChecksPerSecond">
/// How many GET meeting calls the shared checks of one tenant may make a second on this instance. Get a Meeting is in
/// Zoom's "Light" rate-limit category: 30 a second for a Pro account and 80 for Business and above, per account and
/// shared with every other call of every app on it (launches included), so the fallback takes a small share.
/// </param>
public sealed record WaitingRoomSettings(double ZoomChecksPerSecond = WaitingRoomSettings.DefaultZoomChecksPerSecond)
{
    public const double DefaultZoomChecksPerSecond = 5;
    public const double MaxZoomChecksPerSecond = 80;
}

/// <summary>
/// A token bucket per tenant for the shared status checks: up to <see cref="WaitingRoomSettings.ZoomChecksPerSecond"/>
/// a second, a second's worth at once. With few waiting visits it never binds (each is asked every
/// <see cref="MeetingStatusChecks.MinInterval"/>); with many, each visit is asked less often instead of the account
/// running into Zoom's 429s, which would fail the launches' own calls too. A 429 from Zoom empties the bucket.
/// </summary>
public sealed class ZoomCheckBudget(WaitingRoomSettings settings, TimeProvider clock)
{
    private readonly ConcurrentDictionary<TenantId, Bucket> buckets = new();

    /// <summary>Checks not made because the tenant's budget was spent: the benchmark and tests read it.</summary>
    public long Deferred => Interlocked.Read(ref deferred);
    private long deferred;

    public bool TryTake(TenantId tenant)
    {
        var bucket = buckets.GetOrAdd(tenant, _ => new Bucket(settings.ZoomChecksPerSecond, clock.GetTimestamp()));
        if (bucket.TryTake(clock)) return true;
        Interlocked.Increment(ref deferred);
        return false;
    }

    /// <summary>Zoom said 429: nothing more from this tenant's checks until the bucket refills.</summary>
    public void Exhausted(TenantId tenant)
    {
        if (buckets.TryGetValue(tenant, out var bucket)) bucket.Drain(clock);
    }

    private sealed class Bucket(double perSecond, long now)
    {
        private readonly Lock gate = new();
        private double tokens = Math.Max(1, perSecond);
        private long refilledAt = now;

        public bool TryTake(TimeProvider clock)
        {
            lock (gate)
            {
                Refill(clock);
                if (tokens < 1) return false;
                tokens -= 1;
                return true;
            }
        }

        public void Drain(TimeProvider clock)
        {
            lock (gate)
            {
                Refill(clock);
                tokens = Math.Min(tokens, 0);
            }
        }

        private void Refill(TimeProvider clock)
        {
            var at = clock.GetTimestamp();
            tokens = Math.Min(Math.Max(1, perSecond), tokens + clock.GetElapsedTime(refilledAt, at).TotalSeconds * perSecond);
            refilledAt = at;
        }
    }
}
