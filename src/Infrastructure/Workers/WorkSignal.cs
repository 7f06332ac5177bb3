using System.Collections.Concurrent;
using EpicZoom.Application.Common.Interfaces;

namespace EpicZoom.Infrastructure.Workers;

internal sealed class WorkSignal : IWorkSignal
{
    private readonly ConcurrentDictionary<WorkKind, SemaphoreSlim> signals = new();

    public void Notify(WorkKind kind)
    {
        var signal = Signal(kind);
        if (signal.CurrentCount == 0) signal.Release();
    }

    public async Task WaitAsync(WorkKind kind, TimeSpan timeout, CancellationToken cancellationToken) =>
        await Signal(kind).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim Signal(WorkKind kind) => signals.GetOrAdd(kind, _ => new SemaphoreSlim(0, 1));
}
