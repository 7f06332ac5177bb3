using EpicZoom.Application.Notifications.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure.Configuration;

/// <summary>Section "Notifications" (docs/configuration.md).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>How long a status report is retried (a TimeSpan such as "00:05:00"); unset: Epic's 24 hours.</summary>
    public TimeSpan? RetryWindow { get; set; }

    /// <summary>How long a leave waits for a join of the same session before it is reported (e.g. "00:00:02"); unset: 2 s.</summary>
    public TimeSpan? LeaveSettle { get; set; }

    /// <summary>How long an instance holds the records it is sending (e.g. "00:01:00"); unset: 5 minutes.</summary>
    public TimeSpan? DispatchLease { get; set; }

    /// <summary>How many reports are sent to one tenant's Epic at once (1 to 64); unset: 8.</summary>
    public int? EpicConcurrencyPerTenant { get; set; }
}

public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        if (options.RetryWindow is { } window && (window <= TimeSpan.Zero || window > NotificationSettings.LongestRetryWindow))
            return ValidateOptionsResult.Fail($"Notifications:RetryWindow must be longer than zero and at most {NotificationSettings.LongestRetryWindow.TotalDays:0} days (e.g. 00:05:00), or unset for 24 hours.");
        if (options.LeaveSettle is { } settle && (settle < TimeSpan.Zero || settle > NotificationSettings.LongestLeaveSettle))
            return ValidateOptionsResult.Fail($"Notifications:LeaveSettle must be zero or longer and at most {NotificationSettings.LongestLeaveSettle.TotalSeconds:0} seconds (e.g. 00:00:02), or unset for 2 seconds.");
        if (options.DispatchLease is { } lease && (lease < NotificationSettings.ShortestDispatchLease || lease > NotificationSettings.LongestDispatchLease))
            return ValidateOptionsResult.Fail($"Notifications:DispatchLease must be from {NotificationSettings.ShortestDispatchLease.TotalSeconds:0} seconds to {NotificationSettings.LongestDispatchLease.TotalMinutes:0} minutes (e.g. 00:01:00), or unset for 5 minutes.");
        if (options.EpicConcurrencyPerTenant is { } concurrency && (concurrency < 1 || concurrency > NotificationSettings.MaxEpicConcurrencyPerTenant))
            return ValidateOptionsResult.Fail($"Notifications:EpicConcurrencyPerTenant must be from 1 to {NotificationSettings.MaxEpicConcurrencyPerTenant} (e.g. 8), or unset for {NotificationSettings.DefaultEpicConcurrencyPerTenant}.");
        return ValidateOptionsResult.Success;
    }
}
