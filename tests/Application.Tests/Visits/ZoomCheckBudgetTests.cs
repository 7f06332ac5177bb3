using EpicZoom.Application.Visits.GetWaitingStatus;
using EpicZoom.Domain.Tenants;
using EpicZoom.TestSupport;

namespace EpicZoom.Application.Tests.Visits;

/// <summary>The waiting room's per-tenant budget of Zoom checks: a token bucket on the clock.</summary>
public sealed class ZoomCheckBudgetTests
{
    private readonly FakeClock clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly TenantId tenant = new(Guid.NewGuid());

    [Fact]
    public void ASecondsWorth_MayGoAtOnce_ThenTheRateRefillsIt()
    {
        var budget = new ZoomCheckBudget(new WaitingRoomSettings(ZoomChecksPerSecond: 4), clock);

        Assert.Equal([true, true, true, true, false], Enumerable.Range(0, 5).Select(_ => budget.TryTake(tenant)));
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(_ => budget.TryTake(tenant)));
        // Idle for a minute: still only a second's worth at once.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(4, Enumerable.Range(0, 10).Count(_ => budget.TryTake(tenant)));
        Assert.Equal(1 + 1 + 6, budget.Deferred);
    }

    [Fact]
    public void EachTenant_HasItsOwn_AndARateBelowOneStillAllowsOneCheck()
    {
        var budget = new ZoomCheckBudget(new WaitingRoomSettings(ZoomChecksPerSecond: 0.5), clock);
        var other = new TenantId(Guid.NewGuid());

        Assert.True(budget.TryTake(tenant));
        Assert.False(budget.TryTake(tenant));
        Assert.True(budget.TryTake(other));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(budget.TryTake(tenant));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(budget.TryTake(tenant));
    }

    [Fact]
    public void Exhausted_EmptiesTheBucket_UntilTheRateRefillsIt()
    {
        var budget = new ZoomCheckBudget(new WaitingRoomSettings(ZoomChecksPerSecond: 10), clock);
        Assert.True(budget.TryTake(tenant));

        budget.Exhausted(tenant);

        Assert.False(budget.TryTake(tenant));
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(budget.TryTake(tenant));
        Assert.False(budget.TryTake(tenant));
    }
}
