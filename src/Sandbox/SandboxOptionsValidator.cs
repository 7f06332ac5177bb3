using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox;

/// <summary>Checks "Sandbox" at start-up: each message names the key and what it accepts.</summary>
public sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    private static readonly int[] ScopeDeniedStatuses = [401, 403, 404];

    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var failures = new List<string>();
        Url(options.BaseUrl, "Sandbox:BaseUrl", failures);
        Url(options.EpicZoomBaseUrl, "Sandbox:EpicZoomBaseUrl", failures);
        if (options.MaxStoredItems < 1) failures.Add("Sandbox:MaxStoredItems must be at least 1 (default 1000).");
        if (options.WebhookMaxConcurrency < 1) failures.Add("Sandbox:WebhookMaxConcurrency must be at least 1 (default 4).");
        if (string.IsNullOrWhiteSpace(options.DefaultOrgId)) failures.Add("Sandbox:DefaultOrgId must not be empty (default sandbox).");
        Positive(options.LaunchTokenLifetime, "Sandbox:LaunchTokenLifetime", "00:05:00", failures);
        Positive(options.AuthorizationCodeLifetime, "Sandbox:AuthorizationCodeLifetime", "00:05:00", failures);
        Positive(options.AccessTokenLifetime, "Sandbox:AccessTokenLifetime", "01:00:00", failures);
        Positive(options.WebhookRetryUnit, "Sandbox:WebhookRetryUnit", "00:00:01", failures);
        Positive(options.WebhookTimeout, "Sandbox:WebhookTimeout", "00:00:03", failures);
        if (options.SmtpPort is < 0 or > 65535) failures.Add("Sandbox:SmtpPort must be from 0 (a free port) to 65535.");
        if (string.IsNullOrWhiteSpace(options.SmtpUserName) || string.IsNullOrEmpty(options.SmtpPassword))
            failures.Add("Sandbox:SmtpUserName and Sandbox:SmtpPassword must not be empty.");
        if (options.SmsDeliveryDelay < TimeSpan.Zero) failures.Add("Sandbox:SmsDeliveryDelay must not be negative (default 00:00:00.200).");
        for (var i = 0; i < options.EpicClients.Count; i++)
        {
            var client = options.EpicClients[i];
            if (string.IsNullOrWhiteSpace(client.ClientId)) failures.Add($"Sandbox:EpicClients:{i}:ClientId must not be empty.");
            if (!ScopeDeniedStatuses.Contains(client.ScopeDeniedStatus))
                failures.Add($"Sandbox:EpicClients:{i}:ScopeDeniedStatus must be 401, 403 or 404 (default 403).");
            Url(client.JwksUrl, $"Sandbox:EpicClients:{i}:JwksUrl", failures);
        }
        for (var i = 0; i < options.ZoomAccounts.Count; i++)
        {
            var account = options.ZoomAccounts[i];
            if (string.IsNullOrWhiteSpace(account.AccountId) || string.IsNullOrWhiteSpace(account.ClientId) || string.IsNullOrWhiteSpace(account.ClientSecret))
                failures.Add($"Sandbox:ZoomAccounts:{i} needs AccountId, ClientId and ClientSecret.");
            Url(account.WebhookUrl, $"Sandbox:ZoomAccounts:{i}:WebhookUrl", failures);
        }
        for (var i = 0; i < options.SmsAccounts.Count; i++) Url(options.SmsAccounts[i].InboundUrl, $"Sandbox:SmsAccounts:{i}:InboundUrl", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Url(string? value, string key, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            failures.Add($"{key} must be an absolute http:// or https:// URL, or unset.");
    }

    private static void Positive(TimeSpan value, string key, string fallback, List<string> failures)
    {
        if (value <= TimeSpan.Zero) failures.Add($"{key} must be longer than zero (default {fallback}).");
    }
}
