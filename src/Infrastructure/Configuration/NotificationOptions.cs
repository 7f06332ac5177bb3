using EpicZoom.Application.Notifications.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure.Configuration;

/// <summary>Section "Notifications" (docs/configuration.md).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>How long a status report is retried (a TimeSpan such as "00:05:00"); unset: Epic's 24 hours.</summary>
    public TimeSpan? RetryWindow { get; set; }
}

public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options) =>
        options.RetryWindow is { } window && (window <= TimeSpan.Zero || window > NotificationSettings.LongestRetryWindow)
            ? ValidateOptionsResult.Fail($"Notifications:RetryWindow must be longer than zero and at most {NotificationSettings.LongestRetryWindow.TotalDays:0} days (e.g. 00:05:00), or unset for 24 hours.")
            : ValidateOptionsResult.Success;
}
