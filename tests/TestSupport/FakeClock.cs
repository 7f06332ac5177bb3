using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EpicZoom.TestSupport;

/// <summary>
/// The one clock tests move by hand. Timers, <see cref="Task.Delay(TimeSpan, TimeProvider)"/> and Polly waits on it
/// fire when it is advanced past them, never on their own, so a test decides when time passes.
/// </summary>
public sealed class FakeClock : FakeTimeProvider
{
    public FakeClock(DateTimeOffset start)
        : base(start)
    {
    }

    public DateTimeOffset Now => GetUtcNow();

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    private readonly ConcurrentQueue<TimeSpan> scheduled = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        scheduled.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>
    /// Waits (real time, bounded) until a timer due in <paramref name="dueTime"/> (or, with <paramref name="orShorter"/>,
    /// sooner) exists: a test that advances before the code under test has scheduled its wait would move past nothing.
    /// </summary>
    public async Task WaitScheduledAsync(TimeSpan dueTime, TimeSpan realWait, bool orShorter = false)
    {
        var deadline = Stopwatch.StartNew();
        while (!scheduled.Any(d => d == dueTime || (orShorter && d > TimeSpan.Zero && d < dueTime)))
        {
            Assert.True(deadline.Elapsed < realWait, $"no wait of {dueTime} was scheduled; saw {string.Join(", ", scheduled)}");
            await Task.Delay(10);
        }
    }

    /// <summary>Starts at the real time, for hosts whose callers (browsers, tokens) also read the real clock.</summary>
    public static FakeClock StartingNow() => new(TimeProvider.System.GetUtcNow());
}
