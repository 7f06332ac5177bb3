using EpicZoom.Domain.Common;

namespace EpicZoom.Domain.Alerts;

/// <summary>
/// The installation's outbound alert webhook (a Teams or Slack incoming webhook, or any receiver of <c>{"text": …}</c>).
/// One row for the whole installation. The URL carries the receiver's secret, so only its encrypted form and its host
/// (what the portal shows back) are kept.
/// </summary>
public sealed class AlertSettings
{
    /// <summary>The one row's key: there is one alert destination per installation.</summary>
    public static readonly Guid InstallationId = new("6c1b2e7a-0b5e-4b8e-9d51-6a0e1f7a4e01");

    public const int MaxHostLength = 253;

    private AlertSettings()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The webhook URL encrypted with the key ring; null when no portal destination is set.</summary>
    public string? WebhookUrlProtected { get; private set; }

    /// <summary>The URL's host, shown back instead of the URL.</summary>
    public string? WebhookHost { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public static AlertSettings ForInstallation(DateTime nowUtc) => new() { Id = InstallationId, UpdatedAtUtc = nowUtc };

    public void SetWebhook(string urlProtected, string host, DateTime nowUtc)
    {
        if (string.IsNullOrEmpty(urlProtected))
            throw new DomainRuleViolationException("AlertUrlEncrypted", "The alert webhook URL is stored encrypted.");
        if (string.IsNullOrWhiteSpace(host) || host.Length > MaxHostLength)
            throw new DomainRuleViolationException("AlertHostKnown", "The alert webhook needs a host name.");
        WebhookUrlProtected = urlProtected;
        WebhookHost = host;
        UpdatedAtUtc = nowUtc;
    }

    public void ClearWebhook(DateTime nowUtc)
    {
        WebhookUrlProtected = null;
        WebhookHost = null;
        UpdatedAtUtc = nowUtc;
    }
}
