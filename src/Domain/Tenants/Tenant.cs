using EpicZoom.Domain.Common;

namespace EpicZoom.Domain.Tenants;

/// <summary>One healthcare organisation: its Zoom account, its Epic instance and how video visits behave.</summary>
public sealed class Tenant
{
    public const int MaxNameLength = 200;

    private Tenant()
    {
        Name = "";
        OrgId = "";
        Zoom = null!;
        Epic = null!;
        DeviceTest = DeviceTestSettings.None;
    }

    public TenantId Id { get; private set; }
    public string Name { get; private set; }
    public string OrgId { get; private set; }
    public EpicEnvironment Environment { get; private set; }
    public PatientAdmittancePolicy AdmittancePolicy { get; private set; }
    public ZoomSettings Zoom { get; private set; }
    public EpicSettings Epic { get; private set; }
    public DeviceTestSettings DeviceTest { get; private set; }
    public SmsSettings Sms { get; private set; } = SmsSettings.Disabled;
    public SmartSettings Smart { get; private set; } = SmartSettings.Default;
    public GuestSettings Guests { get; private set; } = GuestSettings.Default;
    public TenantEmailSettings Email { get; private set; } = TenantEmailSettings.Installation;
    public SigningKey? SigningKey { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>The last time Zoom overrode a meeting setting EpicZoom asked for (a setting locked at account level).</summary>
    public string? ZoomSettingsWarning { get; private set; }
    public DateTime? ZoomSettingsWarningAtUtc { get; private set; }

    // Ciphertext only (ASP.NET Core Data Protection, applied by the application layer).
    public string? ZoomClientSecretProtected { get; private set; }
    public string? ZoomWebhookSecretTokenProtected { get; private set; }
    public string? EpicClientSecretProtected { get; private set; }
    public string? EpicPrivateKeyProtected { get; private set; }
    public string? TelehealthBasicPasswordProtected { get; private set; }
    public string? SmsAuthTokenProtected { get; private set; }
    public string? SmtpPasswordProtected { get; private set; }

    public static Tenant Create(
        string name, string orgId, EpicEnvironment environment, PatientAdmittancePolicy admittancePolicy,
        ZoomSettings zoom, EpicSettings epic, DeviceTestSettings deviceTest, DateTime nowUtc)
    {
        var tenant = new Tenant { Id = TenantId.New(), CreatedAtUtc = nowUtc };
        tenant.Update(name, orgId, environment, admittancePolicy, zoom, epic, deviceTest, nowUtc);
        return tenant;
    }

    public void Update(
        string name, string orgId, EpicEnvironment environment, PatientAdmittancePolicy admittancePolicy,
        ZoomSettings zoom, EpicSettings epic, DeviceTestSettings deviceTest, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
            throw new DomainRuleViolationException("TenantNameRequired", $"A tenant needs a name of 1 to {MaxNameLength} characters.");
        if (!Tenants.OrgId.IsValid(orgId))
            throw new DomainRuleViolationException("OrgIdUrlSafe", "The org_id must be 3 to 64 letters, digits, '-' or '_'.");
        RequireUrl(epic.FhirBaseUrl, "Epic FHIR base URL");
        RequireUrl(epic.TelehealthBaseUrl, "Epic telehealth base URL");
        if (epic.OAuthBaseUrl is not null) RequireUrl(epic.OAuthBaseUrl, "Epic OAuth base URL");
        RequireUrl(zoom.OAuthBaseUrl, "Zoom OAuth URL");
        RequireUrl(zoom.ApiBaseUrl, "Zoom API URL");

        Name = name.Trim();
        // Case-insensitive in effect: 'Acme' and 'acme' must not be two tenants, and Epic's URL may differ in case.
        OrgId = orgId.ToLowerInvariant();
        Environment = environment;
        AdmittancePolicy = admittancePolicy;
        Zoom = zoom with { OAuthBaseUrl = HttpUrl.Normalize(zoom.OAuthBaseUrl), ApiBaseUrl = HttpUrl.Normalize(zoom.ApiBaseUrl) };
        Epic = epic with
        {
            FhirBaseUrl = HttpUrl.Normalize(epic.FhirBaseUrl),
            TelehealthBaseUrl = HttpUrl.Normalize(epic.TelehealthBaseUrl),
            OAuthBaseUrl = epic.OAuthBaseUrl is null ? null : HttpUrl.Normalize(epic.OAuthBaseUrl),
        };
        DeviceTest = deviceTest;
        UpdatedAtUtc = nowUtc;
    }

    public bool HasSecret(TenantSecret secret) => GetProtectedSecret(secret) is not null;

    public string? GetProtectedSecret(TenantSecret secret) => secret switch
    {
        TenantSecret.ZoomClientSecret => ZoomClientSecretProtected,
        TenantSecret.ZoomWebhookSecretToken => ZoomWebhookSecretTokenProtected,
        TenantSecret.EpicClientSecret => EpicClientSecretProtected,
        TenantSecret.EpicPrivateKey => EpicPrivateKeyProtected,
        TenantSecret.TelehealthBasicPassword => TelehealthBasicPasswordProtected,
        TenantSecret.SmsAuthToken => SmsAuthTokenProtected,
        TenantSecret.SmtpPassword => SmtpPasswordProtected,
        _ => throw new ArgumentOutOfRangeException(nameof(secret)),
    };

    /// <summary>Replaces or (with null) removes a secret. The private key changes only with its public half, through <see cref="SetSigningKey"/>.</summary>
    public void SetProtectedSecret(TenantSecret secret, string? protectedValue, DateTime nowUtc)
    {
        if (protectedValue is { Length: 0 })
            throw new DomainRuleViolationException("SecretNotEmpty", "An empty secret cannot be stored; remove it instead.");
        switch (secret)
        {
            case TenantSecret.ZoomClientSecret: ZoomClientSecretProtected = protectedValue; break;
            case TenantSecret.ZoomWebhookSecretToken: ZoomWebhookSecretTokenProtected = protectedValue; break;
            case TenantSecret.EpicClientSecret: EpicClientSecretProtected = protectedValue; break;
            case TenantSecret.TelehealthBasicPassword: TelehealthBasicPasswordProtected = protectedValue; break;
            case TenantSecret.SmsAuthToken: SmsAuthTokenProtected = protectedValue; break;
            case TenantSecret.SmtpPassword: SmtpPasswordProtected = protectedValue; break;
            case TenantSecret.EpicPrivateKey:
                throw new DomainRuleViolationException("SigningKeyPair", "The private key is replaced together with its public key.");
            default: throw new ArgumentOutOfRangeException(nameof(secret));
        }
        UpdatedAtUtc = nowUtc;
    }

    public void SetSigningKey(SigningKey publicPart, string protectedPrivateKey, DateTime nowUtc)
    {
        if (string.IsNullOrEmpty(protectedPrivateKey))
            throw new DomainRuleViolationException("SigningKeyPair", "A signing key needs its private half.");
        SigningKey = publicPart;
        EpicPrivateKeyProtected = protectedPrivateKey;
        UpdatedAtUtc = nowUtc;
    }

    public void RemoveSigningKey(DateTime nowUtc)
    {
        SigningKey = null;
        EpicPrivateKeyProtected = null;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>The SMS provider and message template. Switching SMS on needs the account, the number and a usable template.</summary>
    public void ConfigureSms(SmsSettings sms, DateTime nowUtc)
    {
        if (sms.Enabled)
        {
            RequireUrl(sms.ApiBaseUrl, "SMS API base URL");
            if (string.IsNullOrWhiteSpace(sms.AccountSid) || string.IsNullOrWhiteSpace(sms.FromNumber))
                throw new DomainRuleViolationException("SmsConfigured", "SMS needs the provider's account SID and the number messages come from.");
        }
        if (SmsSettings.TemplateProblem(sms.MessageTemplate) is { } problem)
            throw new DomainRuleViolationException("SmsTemplateSafe", problem);
        Sms = sms with { ApiBaseUrl = string.IsNullOrWhiteSpace(sms.ApiBaseUrl) ? SmsSettings.DefaultApiBaseUrl : HttpUrl.Normalize(sms.ApiBaseUrl) };
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Guest invitations: on or off, the roles allowed, the limit per visit and the templates; each rule is named when broken.</summary>
    public void ConfigureGuests(GuestSettings guests, DateTime nowUtc)
    {
        if (guests.Problem() is { } problem)
            throw new DomainRuleViolationException("GuestSettingsValid", problem);
        Guests = guests;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>The tenant's own SMTP server, or the installation's when <see cref="TenantEmailSettings.UseOwnServer"/> is false.</summary>
    public void ConfigureEmail(TenantEmailSettings email, DateTime nowUtc)
    {
        if (email.Problem() is { } problem)
            throw new DomainRuleViolationException("EmailSettingsValid", problem);
        Email = email with { Host = email.Host.Trim(), UserName = email.UserName.Trim(), FromAddress = email.FromAddress.Trim(), FromName = email.FromName.Trim() };
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>The scopes EpicZoom asks Epic for and the EHR origins that may frame it; each rule is named when broken.</summary>
    public void ConfigureSmart(SmartSettings smart, DateTime nowUtc)
    {
        if (SmartSettings.LaunchScopesProblem(smart.LaunchScopes) is { } launch)
            throw new DomainRuleViolationException("LaunchScopesValid", launch);
        if (SmartSettings.BackendScopesProblem(smart.BackendScopes) is { } backend)
            throw new DomainRuleViolationException("BackendScopesValid", backend);
        if (SmartSettings.FrameAncestorsProblem(smart.FrameAncestors) is { } frame)
            throw new DomainRuleViolationException("FrameAncestorsAreOrigins", frame);
        Smart = new SmartSettings(SmartSettings.NormalizeScopes(smart.LaunchScopes), SmartSettings.NormalizeScopes(smart.BackendScopes),
            SmartSettings.NormalizeFrameAncestors(smart.FrameAncestors));
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>SMS is on and everything a send needs is there.</summary>
    public bool CanSendSms => Sms.Enabled && SmsAuthTokenProtected is not null;

    public const int MaxWarningLength = 1000;

    public void RecordZoomSettingsOverride(string warning, DateTime nowUtc)
    {
        ZoomSettingsWarning = SafeText.Clip(warning, MaxWarningLength);
        ZoomSettingsWarningAtUtc = nowUtc;
    }

    /// <summary>Problems that do not stop saving but will stop launches or status reports; shown to the admin.</summary>
    public IReadOnlyList<string> ConfigurationWarnings()
    {
        var warnings = new List<string>();
        if (!Epic.FhirBaseLooksLikeR4)
            warnings.Add($"The Epic FHIR base URL does not end in an R4 base such as '{EpicSettings.R4Suffix}'. Epic sends the R4 base as 'iss'; launches from any other URL are rejected.");
        if (ZoomClientSecretProtected is null)
            warnings.Add("No Zoom client secret is set: EpicZoom cannot create meetings.");
        if (ZoomWebhookSecretTokenProtected is null)
            warnings.Add("No Zoom webhook secret token is set: participant events cannot be verified, so Epic gets no connection status.");
        if (EpicClientSecretProtected is null && SigningKey is null)
            warnings.Add("Epic client authentication is missing: set a client secret or a signing key.");
        if (Epic.TelehealthAuthMode == TelehealthAuthMode.BackendOAuthToken && SigningKey is null)
            warnings.Add("Status reports use a backend OAuth token, which needs a signing key (JWT client authentication).");
        if (Epic.TelehealthAuthMode == TelehealthAuthMode.BasicEmpUser &&
            (string.IsNullOrEmpty(Epic.TelehealthBasicUser) || TelehealthBasicPasswordProtected is null))
            warnings.Add("Status reports use Basic authentication, but the Epic user or its password is not set.");
        if (Sms.Enabled && SmsAuthTokenProtected is null)
            warnings.Add("SMS is switched on but no SMS auth token is set: clinicians cannot text patients a link.");
        if (ZoomSettingsWarning is not null)
            warnings.Add($"Zoom overrode a meeting setting on {ZoomSettingsWarningAtUtc:yyyy-MM-dd HH:mm} UTC: {ZoomSettingsWarning}. Unlock 'join before host' and 'waiting room' in the Zoom account settings.");
        return warnings;
    }

    private static void RequireUrl(string value, string what)
    {
        if (!HttpUrl.IsAcceptableBaseUrl(value, out var problem))
            throw new DomainRuleViolationException("TenantUrlsValid", $"{what} {problem}");
    }
}
