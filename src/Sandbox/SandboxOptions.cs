namespace EpicZoom.Sandbox;

/// <summary>Configuration section "Sandbox": where the simulators live and who may call them (docs/configuration.md).</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Whether the host mounts the simulators; unset: on in Development only.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Absolute base of this host (e.g. http://127.0.0.1:5000); null derives it from each request.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Where EpicZoom itself lives; the launch simulator redirects there. Null means <see cref="BaseUrl"/>.</summary>
    public string? EpicZoomBaseUrl { get; set; }

    /// <summary>Registered SMART clients; when empty the built-in <see cref="SandboxDefaults"/> client is used.</summary>
    public List<SandboxEpicClient> EpicClients { get; set; } = [];

    /// <summary>Registered Zoom Server-to-Server apps; when empty the built-in <see cref="SandboxDefaults"/> account is used.</summary>
    public List<SandboxZoomAccount> ZoomAccounts { get; set; } = [];

    /// <summary>Registered SMS (Twilio-style) accounts; when empty the built-in <see cref="SandboxDefaults"/> account is used.</summary>
    public List<SandboxSmsAccount> SmsAccounts { get; set; } = [];

    /// <summary>How long a sent SMS stays in each state (queued, then sent) before it moves on.</summary>
    public TimeSpan SmsDeliveryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>org_id the launch simulator sends when the launch does not name one.</summary>
    public string DefaultOrgId { get; set; } = "sandbox";

    /// <summary>Cap for every in-memory collection (launches, tokens, meetings, reports...); the oldest items go first.</summary>
    public int MaxStoredItems { get; set; } = 1000;

    public TimeSpan LaunchTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the sandbox IdP's authorization codes stay redeemable (once).</summary>
    public TimeSpan OidcCodeLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Zoom retries a failed webhook after 5, 20 and 60 minutes; the sandbox keeps the ratios
    /// but counts in this unit (one second by default) so a run does not wait for hours.
    /// </summary>
    public TimeSpan WebhookRetryUnit { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Webhooks in flight at once. Zoom delivers concurrently and guarantees no order; 1 sends them one by one.</summary>
    public int WebhookMaxConcurrency { get; set; } = 4;

    /// <summary>Zoom gives a webhook receiver 3 seconds to answer.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The sandbox SMTP server's loopback port; 0 picks a free one (the e-mail inbox page shows it).</summary>
    public int SmtpPort { get; set; }

    /// <summary>The user name the sandbox SMTP server accepts (AUTH PLAIN/LOGIN).</summary>
    public string SmtpUserName { get; set; } = SandboxDefaults.SmtpUserName;

    /// <summary>The password the sandbox SMTP server accepts; a sandbox value, not a secret.</summary>
    public string SmtpPassword { get; set; } = SandboxDefaults.SmtpPassword;

    /// <summary>Seed for the fault injector's ratio draws; null picks a random seed.</summary>
    public int? FaultRandomSeed { get; set; }
}

/// <summary>A SMART on FHIR client registered with the Epic simulator.</summary>
public sealed class SandboxEpicClient
{
    public string ClientId { get; set; } = "";

    /// <summary>Enables client_secret_basic; null means the client authenticates only with private_key_jwt.</summary>
    public string? ClientSecret { get; set; }

    public List<string> RedirectUris { get; set; } = [];

    /// <summary>Where the client publishes its public keys for private_key_jwt; null disables that method.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>Telehealth Basic auth user; Epic expects it as "emp$" + this value.</summary>
    public string? BasicUser { get; set; }

    public string? BasicPassword { get; set; }

    /// <summary>
    /// Acts like a strict SMART server (smart-launcher-v2, a locked-down Epic): only these scopes are ever granted,
    /// whatever is asked (space-separated; null grants every scope asked for). The token response's scope says which.
    /// </summary>
    public string? GrantableScopes { get; set; }

    /// <summary>A FHIR read needs a granted scope that allows reading its resource type (v1 .read/.* or v2 .r…).</summary>
    public bool EnforceScopes { get; set; }

    /// <summary>How a read without the scope is refused: 403 (insufficient_scope, the default), 401, or 404 (hiding the resource).</summary>
    public int ScopeDeniedStatus { get; set; } = 403;
}

/// <summary>A Zoom account with its Server-to-Server OAuth app and webhook subscription.</summary>
public sealed class SandboxZoomAccount
{
    public string AccountId { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string WebhookSecretToken { get; set; } = "";

    /// <summary>Where signed webhooks go; null sends none.</summary>
    public string? WebhookUrl { get; set; }
}

/// <summary>A Twilio-style account with one SMS-capable number and that number's incoming-message webhook.</summary>
public sealed class SandboxSmsAccount
{
    /// <summary>"AC" + 32 lowercase hex characters.</summary>
    public string AccountSid { get; set; } = "";

    public string AuthToken { get; set; } = "";

    /// <summary>The account's number in E.164; the only From it may send with.</summary>
    public string FromNumber { get; set; } = "";

    /// <summary>Where replies to <see cref="FromNumber"/> are POSTed, signed ("A message comes in"); null sends none.</summary>
    public string? InboundUrl { get; set; }
}
