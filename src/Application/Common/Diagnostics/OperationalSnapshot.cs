namespace EpicZoom.Application.Common.Diagnostics;

/// <summary>
/// The queue figures the gauges and the inbox-lag alert read: taken by one background refresh (a few indexed queries
/// every <see cref="RefreshInterval"/>), so a scrape never touches the database.
/// </summary>
public sealed class OperationalSnapshot
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);

    private volatile QueueFigures current = QueueFigures.Empty;

    public QueueFigures Current => current;

    public void Update(QueueFigures figures) => current = figures;
}

/// <summary>Ages in seconds, 0 when the queue is empty.</summary>
public sealed record QueueFigures(DateTime? TakenAtUtc, double InboxLagSeconds, long InboxPending, double OldestPendingReportSeconds, long PendingReports)
{
    public static readonly QueueFigures Empty = new(null, 0, 0, 0, 0);
}
