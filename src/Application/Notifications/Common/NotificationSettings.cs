using EpicZoom.Domain.Notifications;

namespace EpicZoom.Application.Notifications.Common;

/// <summary>
/// How status reports are retried. <see cref="RetryWindow"/> is Epic's 24 hours unless the host sets
/// Notifications:RetryWindow (e.g. "00:02:00" in the sandbox, to see a record fail within minutes).
/// </summary>
public sealed record NotificationSettings
{
    public static readonly TimeSpan LongestRetryWindow = TimeSpan.FromDays(30);

    public NotificationSettings(TimeSpan? retryWindow = null)
    {
        var window = retryWindow ?? NotificationRecord.DefaultRetryWindow;
        if (window <= TimeSpan.Zero || window > LongestRetryWindow)
            throw new ArgumentOutOfRangeException(nameof(retryWindow), window, $"Notifications:RetryWindow must be longer than zero and at most {LongestRetryWindow.TotalDays:0} days.");
        RetryWindow = window;
    }

    public TimeSpan RetryWindow { get; }
}
