using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Infrastructure.Workers;
using EpicZoom.TestSupport;

namespace EpicZoom.Infrastructure.Tests.Workers;

/// <summary>A held leave is applied when it settles: the signal wakes the worker at that instant, not at its next poll.</summary>
public sealed class WorkSignalTests
{
    private static readonly TimeSpan LongerThanAnyTest = TimeSpan.FromHours(1);
    private readonly FakeClock clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task NotifyAt_WakesTheWaitingWorker_WhenThatTimeComes_NotBefore()
    {
        var signal = new WorkSignal(clock);
        signal.NotifyAt(WorkKind.WebhookEvents, clock.UtcNow.AddSeconds(2));
        var waiting = signal.WaitAsync(WorkKind.WebhookEvents, LongerThanAnyTest, CancellationToken.None);

        clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task NotifyAt_ALaterTime_KeepsTheEarlierWake_AndAPastTimeWakesAtOnce()
    {
        var signal = new WorkSignal(clock);
        signal.NotifyAt(WorkKind.WebhookEvents, clock.UtcNow.AddSeconds(1));
        signal.NotifyAt(WorkKind.WebhookEvents, clock.UtcNow.AddSeconds(5));
        var waiting = signal.WaitAsync(WorkKind.WebhookEvents, LongerThanAnyTest, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        signal.NotifyAt(WorkKind.Notifications, clock.UtcNow.AddSeconds(-1));
        await signal.WaitAsync(WorkKind.Notifications, LongerThanAnyTest, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }
}
