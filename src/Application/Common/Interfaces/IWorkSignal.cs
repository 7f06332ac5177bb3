namespace EpicZoom.Application.Common.Interfaces;

public enum WorkKind
{
    WebhookEvents,
    Notifications,
}

/// <summary>
/// Wakes a background worker at once instead of at its next poll (in this instance; others poll). A kind may have several
/// waiters (the webhook processors of one instance): a notification wakes each of them once.
/// </summary>
public interface IWorkSignal
{
    void Notify(WorkKind kind);

    /// <summary>Notifies at <paramref name="atUtc"/> (a leave that settles then); an earlier pending wake is kept.</summary>
    void NotifyAt(WorkKind kind, DateTime atUtc);

    Task WaitAsync(WorkKind kind, TimeSpan timeout, CancellationToken cancellationToken) => WaitAsync(kind, 0, timeout, cancellationToken);

    /// <summary>Waits as waiter number <paramref name="waiter"/> of this kind: each waiter has its own wake-up.</summary>
    Task WaitAsync(WorkKind kind, int waiter, TimeSpan timeout, CancellationToken cancellationToken);
}
