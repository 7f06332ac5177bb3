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
    public async Task Notify_FromManyThreadsAtOnce_NeverThrows_AndWakesTheWorkerOnce()
    {
        var signal = new WorkSignal(clock);
        const int threads = 8;
        for (var round = 0; round < 500; round++)
        {
            using var start = new Barrier(threads);
            var notifiers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                signal.Notify(WorkKind.WebhookEvents);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            await Task.WhenAll(notifiers); // before the fix: SemaphoreFullException when two released together

            await signal.WaitAsync(WorkKind.WebhookEvents, TimeSpan.FromSeconds(30), CancellationToken.None);
            var again = signal.WaitAsync(WorkKind.WebhookEvents, LongerThanAnyTest, CancellationToken.None);
            Assert.False(again.IsCompleted, $"round {round}: one wake per burst of notifies");
            signal.Notify(WorkKind.WebhookEvents);
            await again.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

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

    [Fact]
    public async Task AWakeThatCameEarly_AskedForAgain_WakesTheWorkerAgain()
    {
        // Timers that fire a millisecond before the instant asked for, as a whole-millisecond monotonic timer can by
        // the wall clock: the worker finds the leave not yet settled and asks for the same instant again.
        var signal = new WorkSignal(new EarlyTimers(clock, TimeSpan.FromMilliseconds(1)));
        var settles = clock.UtcNow.AddSeconds(2);
        signal.NotifyAt(WorkKind.WebhookEvents, settles);
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        await signal.WaitAsync(WorkKind.WebhookEvents, LongerThanAnyTest, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        signal.NotifyAt(WorkKind.WebhookEvents, settles);
        var waiting = signal.WaitAsync(WorkKind.WebhookEvents, LongerThanAnyTest, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(waiting.IsCompletedSuccessfully);
    }

    private sealed class EarlyTimers(FakeClock clock, TimeSpan early) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            clock.CreateTimer(callback, state, dueTime > early ? dueTime - early : TimeSpan.Zero, period);
    }
}
