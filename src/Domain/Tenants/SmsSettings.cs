using System.Text.RegularExpressions;

namespace EpicZoom.Domain.Tenants;

/// <summary>
/// The tenant's SMS provider (a Twilio-style REST API) and the text patients receive. The auth token is a tenant
/// secret (<see cref="TenantSecret.SmsAuthToken"/>). The template may name only the link and the organisation, so no
/// message can carry PHI whatever an admin types.
/// </summary>
public sealed partial record SmsSettings(bool Enabled, string ApiBaseUrl, string AccountSid, string FromNumber, string MessageTemplate)
{
    public const string DefaultApiBaseUrl = "https://api.twilio.com";
    public const string LinkPlaceholder = "{link}";
    public const string OrganizationPlaceholder = "{organization}";
    public const string DefaultTemplate = "Your video visit is ready. Join here: {link} Reply STOP to opt out.";
    public const int MaxTemplateLength = 320;

    public static SmsSettings Disabled { get; } = new(false, DefaultApiBaseUrl, "", "", DefaultTemplate);

    /// <summary>Why the template cannot be used, or null: it must hold {link} once and no other placeholder.</summary>
    public static string? TemplateProblem(string template)
    {
        if (string.IsNullOrWhiteSpace(template)) return "The message template is required.";
        if (template.Length > MaxTemplateLength) return $"The message template must be at most {MaxTemplateLength} characters.";
        var placeholders = Placeholder().Matches(template).Select(m => m.Value).ToList();
        if (placeholders.Count(p => p == LinkPlaceholder) != 1) return "The message template must contain {link} exactly once.";
        var unknown = placeholders.FirstOrDefault(p => p is not LinkPlaceholder and not OrganizationPlaceholder);
        return unknown is null ? null : $"The message template may use only {{link}} and {{organization}}; '{unknown}' is not allowed (it could carry patient data).";
    }

    /// <summary>The text to send: the template with the link and the organisation's name filled in.</summary>
    public string Render(string link, string organization) =>
        MessageTemplate.Replace(OrganizationPlaceholder, organization, StringComparison.Ordinal).Replace(LinkPlaceholder, link, StringComparison.Ordinal);

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();
}
