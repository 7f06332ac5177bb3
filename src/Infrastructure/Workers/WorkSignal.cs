using System.Collections.Concurrent;
using EpicZoom.Application.Common.Interfaces;

namespace EpicZoom.Infrastructure.Workers;

internal sealed class WorkSignal(TimeProvider clock) : IWorkSignal
{
    private readonly ConcurrentDictionary<(WorkKind Kind, int Waiter), SemaphoreSlim> signals = new();
    private readonly Dictionary<WorkKind, (DateTime At, ITimer Timer)> wakes = [];

    public void Notify(WorkKind kind)
    {
        Wake(Signal(kind, 0));
        foreach (var ((k, waiter), signal) in signals)
            if (k == kind && waiter != 0) Wake(signal);
    }

    private static void Wake(SemaphoreSlim signal)
    {
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

    public Task WaitAsync(WorkKind kind, TimeSpan timeout, CancellationToken cancellationToken) => WaitAsync(kind, 0, timeout, cancellationToken);

    public async Task WaitAsync(WorkKind kind, int waiter, TimeSpan timeout, CancellationToken cancellationToken) =>
        await Signal(kind, waiter).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim Signal(WorkKind kind, int waiter) => signals.GetOrAdd((kind, waiter), _ => new SemaphoreSlim(0, 1));
}
