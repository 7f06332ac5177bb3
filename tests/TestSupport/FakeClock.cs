using Microsoft.Extensions.Time.Testing;

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

    /// <summary>Starts at the real time, for hosts whose callers (browsers, tokens) also read the real clock.</summary>
    public static FakeClock StartingNow() => new(TimeProvider.System.GetUtcNow());
}
