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

    Task WaitAsync(WorkKind kind, TimeSpan timeout, CancellationToken cancellationToken);
}
