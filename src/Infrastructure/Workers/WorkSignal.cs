using System.Collections.Concurrent;
using EpicZoom.Application.Common.Interfaces;

namespace EpicZoom.Infrastructure.Workers;

internal sealed class WorkSignal(TimeProvider clock) : IWorkSignal
{
    private readonly ConcurrentDictionary<WorkKind, SemaphoreSlim> signals = new();
    private readonly Dictionary<WorkKind, (DateTime At, ITimer Timer)> wakes = [];

    public void Notify(WorkKind kind)
    {
        var signal = Signal(kind);
        if (signal.CurrentCount > 0) return;
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another thread set the signal between the check and the release: the worker wakes once either way.
            // Left unhandled, this turned a stored webhook's answer into a 500 under concurrent ingest.
        }
    }

    /// <summary>
    /// Wakes the worker at <paramref name="atUtc"/> (the earliest of the times asked for). A timer counts whole
    /// milliseconds on the monotonic clock while the worker compares against the wall clock, so a wake can come a
    /// fraction of a millisecond before that instant and find the work not yet due; the worker then asks again for
    /// the same instant, which must arm a new timer: a wake that has fired is forgotten. (It was kept, the second ask
    /// was taken for a wake still pending, and one held leave in ten waited for the next 1 s poll.)
    /// </summary>
    public void NotifyAt(WorkKind kind, DateTime atUtc)
    {
        var delay = atUtc - clock.GetUtcNow().UtcDateTime;
        if (delay <= TimeSpan.Zero)
        {
            Notify(kind);
            return;
        }
        delay = TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds));
        lock (wakes)
        {
            if (wakes.TryGetValue(kind, out var pending) && pending.At <= atUtc) return;
            pending.Timer?.Dispose();
            // Kept in the dictionary so the timer stays referenced until it fires.
            wakes[kind] = (atUtc, clock.CreateTimer(_ => Wake(kind, atUtc), null, delay, Timeout.InfiniteTimeSpan));
        }
    }

    private void Wake(WorkKind kind, DateTime atUtc)
    {
        lock (wakes)
        {
            if (wakes.TryGetValue(kind, out var pending) && pending.At == atUtc)
            {
                wakes.Remove(kind);
                pending.Timer.Dispose();
            }
        }
        Notify(kind);
    }

    public async Task WaitAsync(WorkKind kind, TimeSpan timeout, CancellationToken cancellationToken) =>
        await Signal(kind).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim Signal(WorkKind kind) => signals.GetOrAdd(kind, _ => new SemaphoreSlim(0, 1));
}
