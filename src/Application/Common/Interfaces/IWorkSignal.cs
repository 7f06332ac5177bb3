namespace EpicZoom.Application.Common.Interfaces;

public enum WorkKind
{
    WebhookEvents,
    Notifications,
}

/// <summary>Wakes a background worker at once instead of at its next poll (in this instance; others poll).</summary>
public interface IWorkSignal
{
    void Notify(WorkKind kind);

    /// <summary>Notifies at <paramref name="atUtc"/> (a leave that settles then); an earlier pending wake is kept.</summary>
    void NotifyAt(WorkKind kind, DateTime atUtc);

    Task WaitAsync(WorkKind kind, TimeSpan timeout, CancellationToken cancellationToken);
}
