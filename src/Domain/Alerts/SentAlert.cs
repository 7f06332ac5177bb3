using EpicZoom.Domain.Common;

namespace EpicZoom.Domain.Alerts;

/// <summary>
/// When an alert (a condition for a subject, e.g. "report_failed|&lt;tenant&gt;") last went to the outbound alert
/// webhook, shared by every instance on the database: several instances noticing the same problem post it once per
/// quiet period, not once each.
/// </summary>
public sealed class SentAlert
{
    public const int MaxKeyLength = 200;

    private SentAlert()
    {
        Key = "";
    }

    public string Key { get; private set; }

    public DateTime LastSentAtUtc { get; private set; }

    public static SentAlert First(string key, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength)
            throw new DomainRuleViolationException("AlertKeyBounded", $"An alert key is 1 to {MaxKeyLength} characters.");
        return new SentAlert { Key = key, LastSentAtUtc = nowUtc };
    }
}
