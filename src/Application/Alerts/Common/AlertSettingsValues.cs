namespace EpicZoom.Application.Alerts.Common;

/// <summary>
/// Alert thresholds and the configured default destination (section "Alerts", docs/configuration.md). The portal's
/// destination, when set, replaces <see cref="DefaultWebhookUrl"/>.
/// </summary>
public sealed record AlertThresholds
{
    public const int DefaultInboxLagSeconds = 60;
    public const int DefaultEpicFailuresInARow = 5;
    public static readonly TimeSpan DefaultQuietPeriod = TimeSpan.FromMinutes(15);

    public AlertThresholds(string? defaultWebhookUrl = null, int? inboxLagSeconds = null, int? epicFailuresInARow = null, TimeSpan? quietPeriod = null)
    {
        DefaultWebhookUrl = string.IsNullOrWhiteSpace(defaultWebhookUrl) ? null : defaultWebhookUrl.Trim();
        InboxLag = TimeSpan.FromSeconds(inboxLagSeconds ?? DefaultInboxLagSeconds);
        EpicFailuresInARow = epicFailuresInARow ?? DefaultEpicFailuresInARow;
        QuietPeriod = quietPeriod ?? DefaultQuietPeriod;
    }

    public string? DefaultWebhookUrl { get; }

    /// <summary>The inbox alert fires when the oldest unprocessed webhook is older than this (Alerts:InboxLagSeconds).</summary>
    public TimeSpan InboxLag { get; }

    /// <summary>Epic answering non-2xx this many times in a row for one tenant raises an alert (Alerts:EpicFailuresInARow).</summary>
    public int EpicFailuresInARow { get; }

    /// <summary>One alert per condition (and tenant) per this period (Alerts:QuietPeriod), not one per record.</summary>
    public TimeSpan QuietPeriod { get; }
}

/// <summary>The conditions that raise an alert; the names are the metric's <c>condition</c> label.</summary>
public static class AlertConditions
{
    public const string ReportFailed = "report_failed";
    public const string EpicFailing = "epic_failing";
    public const string InboxLag = "inbox_lag";
    public const string Test = "test";
}
