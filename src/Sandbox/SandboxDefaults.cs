namespace EpicZoom.Sandbox;

/// <summary>
/// The sandbox's built-in registrations, used when options name none, so a fresh run works
/// end to end; plus the URL layout other components need to point their clients here.
/// </summary>
public static class SandboxDefaults
{
    public const string EpicClientId = "epiczoom-sandbox";
    public const string EpicClientSecret = "sandbox-epic-secret";
    public const string EpicBasicUser = "epiczoom";
    public const string EpicBasicPassword = "sandbox-basic-password";

    public const string ZoomAccountId = "sandbox-account";
    public const string ZoomClientId = "sandbox-zoom-client";
    public const string ZoomClientSecret = "sandbox-zoom-secret";
    public const string ZoomWebhookSecretToken = "sandbox-webhook-secret";

    public const string SmsAccountSid = "AC5a4d8b0c0e1f2a3b4c5d6e7f80912a3b";
    public const string SmsAuthToken = "sandbox-sms-auth-token";
    public const string SmsFromNumber = "+15550100200";

    public const string SmtpUserName = "epiczoom";
    public const string SmtpPassword = "sandbox-smtp-password";
    public const string EmailFromAddress = "visits@sandbox-hospital.example";

    /// <summary>The sandbox OpenID Connect identity provider's issuer path; discovery is {issuer}/.well-known/openid-configuration.</summary>
    public const string OidcPath = "/sandbox/oidc";
    public const string OidcClientId = "epiczoom-portal";
    public const string OidcClientSecret = "sandbox-oidc-secret";
    public const string OidcAdministratorsGroup = "epiczoom-administrators";
    public const string OidcHelpDeskGroup = "epiczoom-help-desk";
    public const string OidcAuditorsGroup = "epiczoom-auditors";

    public static string OidcIssuer(string baseUrl) => Trim(baseUrl) + OidcPath;

    /// <summary>The portal's OpenID Connect callback, the one redirect_uri the built-in client may use.</summary>
    public static string OidcRedirectUri(string epicZoomBaseUrl) => Trim(epicZoomBaseUrl) + "/signin-oidc";

    public static string OidcPostLogoutRedirectUri(string epicZoomBaseUrl) => Trim(epicZoomBaseUrl) + "/signout-callback-oidc";

    public static string EpicFhirBase(string baseUrl) => Trim(baseUrl) + "/sandbox/epic/api/FHIR/R4";

    public static string EpicOAuthBase(string baseUrl) => Trim(baseUrl) + "/sandbox/epic/oauth2";

    public static string EpicTelehealthBase(string baseUrl) => Trim(baseUrl) + "/sandbox/epic";

    /// <summary>The token endpoint is {this}/oauth/token.</summary>
    public static string ZoomOAuthBase(string baseUrl) => Trim(baseUrl) + "/sandbox/zoom";

    public static string ZoomApiBase(string baseUrl) => Trim(baseUrl) + "/sandbox/zoom/v2";

    /// <summary>Plays https://api.twilio.com: clients append /2010-04-01/Accounts/{sid}/Messages.json.</summary>
    public static string SmsApiBase(string baseUrl) => Trim(baseUrl) + "/sandbox/sms";

    public static string EpicRedirectUri(string epicZoomBaseUrl) => Trim(epicZoomBaseUrl) + "/epicfhir/callback";

    public static string EpicJwksUrl(string epicZoomBaseUrl) => Trim(epicZoomBaseUrl) + "/jwks/sandbox";

    public static string ZoomWebhookUrl(string epicZoomBaseUrl) => Trim(epicZoomBaseUrl) + "/zoom/webhooks";

    /// <summary>Where the SMS simulator POSTs replies ("A message comes in") for the built-in number.</summary>
    public static string SmsInboundUrl(string epicZoomBaseUrl) => Trim(epicZoomBaseUrl) + "/sms/inbound/sandbox";

    /// <summary>The built-in SMART client, pointing at EpicZoom's callback and JWKS.</summary>
    public static SandboxEpicClient EpicClient(string epicZoomBaseUrl) => new()
    {
        ClientId = EpicClientId,
        ClientSecret = EpicClientSecret,
        RedirectUris = [EpicRedirectUri(epicZoomBaseUrl)],
        JwksUrl = EpicJwksUrl(epicZoomBaseUrl),
        BasicUser = EpicBasicUser,
        BasicPassword = EpicBasicPassword,
    };

    /// <summary>The built-in Zoom account, sending webhooks to EpicZoom's receiver.</summary>
    public static SandboxZoomAccount ZoomAccount(string epicZoomBaseUrl) => new()
    {
        AccountId = ZoomAccountId,
        ClientId = ZoomClientId,
        ClientSecret = ZoomClientSecret,
        WebhookSecretToken = ZoomWebhookSecretToken,
        WebhookUrl = ZoomWebhookUrl(epicZoomBaseUrl),
    };

    /// <summary>The built-in SMS account, sending replies to EpicZoom's inbound-message receiver.</summary>
    public static SandboxSmsAccount SmsAccount(string epicZoomBaseUrl) => new()
    {
        AccountSid = SmsAccountSid,
        AuthToken = SmsAuthToken,
        FromNumber = SmsFromNumber,
        InboundUrl = SmsInboundUrl(epicZoomBaseUrl),
    };

    private static string Trim(string url) => url.TrimEnd('/');
}
