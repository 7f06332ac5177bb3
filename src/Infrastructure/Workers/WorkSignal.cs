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

    public void NotifyAt(WorkKind kind, DateTime atUtc)
    {
        var delay = atUtc - clock.GetUtcNow().UtcDateTime;
        if (delay <= TimeSpan.Zero)
        {
            Notify(kind);
            return;
        }
        lock (wakes)
        {
            if (wakes.TryGetValue(kind, out var pending) && pending.At <= atUtc && pending.At > clock.GetUtcNow().UtcDateTime) return;
            pending.Timer?.Dispose();
            // Kept in the dictionary so the timer stays referenced until it fires.
            wakes[kind] = (atUtc, clock.CreateTimer(_ => Notify(kind), null, delay, Timeout.InfiniteTimeSpan));
        }
    }

    public async Task WaitAsync(WorkKind kind, TimeSpan timeout, CancellationToken cancellationToken) =>
        await Signal(kind).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim Signal(WorkKind kind) => signals.GetOrAdd(kind, _ => new SemaphoreSlim(0, 1));
}
