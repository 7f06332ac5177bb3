using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure.Configuration;

/// <summary>Section "Alerts" (docs/configuration.md): thresholds, and a default destination the portal can replace.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    /// <summary>Where alerts go until an administrator sets a destination on the alerts page (a Teams or Slack incoming webhook).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Seconds the oldest unprocessed webhook may wait before the inbox-lag alert (default 60).</summary>
    public int? InboxLagSeconds { get; set; }

    /// <summary>Non-2xx answers in a row from Epic, per tenant, that raise an alert (default 5).</summary>
    public int? EpicFailuresInARow { get; set; }

    /// <summary>One alert per condition per this period (a TimeSpan, default 00:15:00).</summary>
    public TimeSpan? QuietPeriod { get; set; }
}

public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.WebhookUrl)
            && !Application.Alerts.UpdateAlertSettings.UpdateAlertSettingsCommandValidator.BeWebhookUrl(options.WebhookUrl))
            failures.Add("Alerts:WebhookUrl must be an absolute https:// URL (http:// only on loopback), or unset.");
        if (options.InboxLagSeconds is < 5 or > 86_400) failures.Add("Alerts:InboxLagSeconds must be from 5 to 86400, or unset for 60.");
        if (options.EpicFailuresInARow is < 1 or > 1000) failures.Add("Alerts:EpicFailuresInARow must be from 1 to 1000, or unset for 5.");
        if (options.QuietPeriod is { } quiet && (quiet < TimeSpan.FromSeconds(10) || quiet > TimeSpan.FromDays(1)))
            failures.Add("Alerts:QuietPeriod must be from 00:00:10 to 1.00:00:00, or unset for 00:15:00.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Section "Health" (docs/configuration.md).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Probe every tenant's Epic and Zoom in the background, once a minute (dashboard chips, degraded health). Default true.</summary>
    public bool TenantProbes { get; set; } = true;
}
