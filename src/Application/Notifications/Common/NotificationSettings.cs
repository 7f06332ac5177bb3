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

    public static readonly TimeSpan DefaultDispatchLease = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ShortestDispatchLease = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LongestDispatchLease = TimeSpan.FromMinutes(30);

    public const int DefaultEpicConcurrencyPerTenant = 8;
    public const int MaxEpicConcurrencyPerTenant = 64;

    public NotificationSettings(TimeSpan? retryWindow = null, TimeSpan? leaveSettle = null, TimeSpan? dispatchLease = null, int? epicConcurrencyPerTenant = null)
    {
        var concurrency = epicConcurrencyPerTenant ?? DefaultEpicConcurrencyPerTenant;
        if (concurrency < 1 || concurrency > MaxEpicConcurrencyPerTenant)
            throw new ArgumentOutOfRangeException(nameof(epicConcurrencyPerTenant), concurrency, $"Notifications:EpicConcurrencyPerTenant must be from 1 to {MaxEpicConcurrencyPerTenant}.");
        EpicConcurrencyPerTenant = concurrency;
        var lease = dispatchLease ?? DefaultDispatchLease;
        if (lease < ShortestDispatchLease || lease > LongestDispatchLease)
            throw new ArgumentOutOfRangeException(nameof(dispatchLease), lease, $"Notifications:DispatchLease must be from {ShortestDispatchLease.TotalSeconds:0} seconds to {LongestDispatchLease.TotalMinutes:0} minutes.");
        DispatchLease = lease;
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

    /// <summary>
    /// How long an instance holds the records it is sending (Notifications:DispatchLease): another instance takes them
    /// over only after it ran out, so it bounds how late a report is when an instance dies mid-send. It must outlast a
    /// whole batch (each Epic call is bounded by its timeout).
    /// </summary>
    public TimeSpan DispatchLease { get; }

    /// <summary>
    /// How many status reports this instance sends to one tenant's Epic at the same time
    /// (Notifications:EpicConcurrencyPerTenant): Epic asks callers to throttle themselves. A person's own reports still
    /// go one after the other; the limit is across people.
    /// </summary>
    public int EpicConcurrencyPerTenant { get; }

    /// <summary>
    /// How long a batch may take to send: its leases must outlive it, so sends still running then are abandoned and
    /// recorded as unanswered, and sends not yet started are given back without an attempt.
    /// </summary>
    public TimeSpan DispatchDeadline => DispatchLease * 0.75;
}
