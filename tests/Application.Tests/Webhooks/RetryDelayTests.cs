using EpicZoom.Application.Notifications.DispatchNotifications;

namespace EpicZoom.Application.Tests.Webhooks;

/// <summary>The outbox's backoff: 5 s doubling, capped at 30 min, ±20 % jitter, never negative.</summary>
public sealed class RetryDelayTests
{
    private const int Samples = 200;

    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(30);

    [Fact]
    public void FirstRetry_IsFiveSecondsPlusOrMinusTwentyPercent()
    {
        Assert.All(Sample(1), d => Assert.InRange(d, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6)));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(5, 80)]
    [InlineData(9, 1280)]
    public void EachAttempt_DoublesWithinTheJitter(int attempt, double seconds)
    {
        Assert.All(Sample(attempt), d => Assert.InRange(d.TotalSeconds, seconds * 0.8, seconds * 1.2));
    }

    [Fact]
    public void Delays_Grow_UntilTheCap()
    {
        // Doubling outruns ±20 % jitter (0.8 × 2 > 1.2), so every draw for attempt n+1 beats every draw for attempt n.
        // Attempt 9 (5 s × 2^8 = 21 min 20 s) is the last one below the cap.
        for (var attempt = 1; attempt < 9; attempt++)
        {
            Assert.True(Sample(attempt + 1).Min() > Sample(attempt).Max(), $"attempt {attempt + 1} is not later than attempt {attempt}");
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(100)]
    [InlineData(10_000)]
    [InlineData(int.MaxValue)]
    public void LateAttempts_AreCappedAtThirtyMinutesPlusOrMinusTwentyPercent(int attempt)
    {
        Assert.All(Sample(attempt), d => Assert.InRange(d, Cap * 0.8, Cap * 1.2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-1000)]
    [InlineData(int.MinValue)]
    public void OutOfRangeAttemptNumbers_NeverGiveANegativeOrHugeDelay_NorThrow(int attempt)
    {
        // The dispatcher always passes AttemptCount + 1 (≥ 1); anything else must still be harmless.
        Assert.All(Sample(attempt), d => Assert.InRange(d, TimeSpan.Zero, Cap * 1.2));
    }

    [Fact]
    public void Delays_ForTheCappedAttempts_AverageThirtyMinutes()
    {
        var average = Sample(30).Average(d => d.TotalMinutes);
        Assert.InRange(average, 27, 33);
    }

    [Fact]
    public void Delays_AreJittered_NotAllTheSame()
    {
        Assert.True(Sample(3).Distinct().Count() > 1, "no jitter: instances retrying together would stay in lockstep");
    }

    private static List<TimeSpan> Sample(int attempt) =>
        Enumerable.Range(0, Samples).Select(_ => DispatchNotificationsCommandHandler.RetryDelay(attempt)).ToList();
}
