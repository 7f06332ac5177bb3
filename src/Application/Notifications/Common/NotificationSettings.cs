using EpicZoom.Domain.Notifications;

namespace EpicZoom.Application.Notifications.Common;

/// <summary>
/// How status reports are retried. <see cref="RetryWindow"/> is Epic's 24 hours unless the host sets
/// Notifications:RetryWindow (e.g. "00:02:00" in the sandbox, to see a record fail within minutes).
/// </summary>
public sealed record NotificationSettings
{
    public static readonly TimeSpan LongestRetryWindow = TimeSpan.FromDays(30);

    public static readonly TimeSpan DefaultLeaveSettle = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LongestLeaveSettle = TimeSpan.FromSeconds(30);

    public NotificationSettings(TimeSpan? retryWindow = null, TimeSpan? leaveSettle = null)
    {
        var settle = leaveSettle ?? DefaultLeaveSettle;
        if (settle < TimeSpan.Zero || settle > LongestLeaveSettle)
            throw new ArgumentOutOfRangeException(nameof(leaveSettle), settle, $"Notifications:LeaveSettle must be zero or longer and at most {LongestLeaveSettle.TotalSeconds:0} seconds.");
        LeaveSettle = settle;
        var window = retryWindow ?? NotificationRecord.DefaultRetryWindow;
        if (window <= TimeSpan.Zero || window > LongestRetryWindow)
            throw new ArgumentOutOfRangeException(nameof(retryWindow), window, $"Notifications:RetryWindow must be longer than zero and at most {LongestRetryWindow.TotalDays:0} days.");
        RetryWindow = window;
    }

    public TimeSpan RetryWindow { get; }

    /// <summary>
    /// How long a leave is held before it is applied (Notifications:LeaveSettle): moving between rooms is a leave and a
    /// join of one session that Zoom delivers up to a second apart, in either order; applied at once, a leave that came
    /// first would flash the light off and on in Epic. The join of the same session within this time cancels it.
    /// </summary>
    public TimeSpan LeaveSettle { get; }
}
