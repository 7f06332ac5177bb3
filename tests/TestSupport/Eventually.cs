namespace EpicZoom.TestSupport;

/// <summary>
/// Polls an observable condition until it holds or a deadline passes, for work that is truly asynchronous (a real
/// HTTP callback, a simulator's background delivery). Work the app does in its own workers is drained instead
/// (<see cref="EpicZoomApp.DrainAsync"/>).
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Returns the first value of <paramref name="probe"/> for which <paramref name="done"/> holds; throws a
    /// <see cref="TimeoutException"/> naming <paramref name="what"/> and the last value seen once the deadline passes.
    /// <paramref name="between"/> runs between probes (e.g. making retries due).
    /// </summary>
    public static async Task<T> HoldsAsync<T>(
        Func<Task<T>> probe,
        Func<T, bool> done,
        string what,
        TimeSpan? timeout = null,
        Func<Task>? between = null,
        TimeSpan? interval = null,
        Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for: {what}. Last seen: {(describe is null ? value?.ToString() : describe(value))}");
            if (between is not null) await between();
            await Task.Delay(interval ?? Interval);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(condition, holds => holds, what, timeout);
}
