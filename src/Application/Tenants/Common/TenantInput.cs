using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Tenants.Common;

public enum SigningKeyAction
{
    Keep,
    Generate,
    Import,
    Remove,
}

/// <summary>
/// Everything an admin can set on a tenant. Mutable because the portal's form binds to it; the commands carry it.
/// Secret fields are write-only: empty means "keep what is stored".
/// </summary>
public sealed class TenantInput
{
    public string Name { get; set; } = "";

    /// <summary>Empty on create: one is generated.</summary>
    public string? OrgId { get; set; }

    public EpicEnvironment Environment { get; set; } = EpicEnvironment.Test;
    public PatientAdmittancePolicy AdmittancePolicy { get; set; } = PatientAdmittancePolicy.AutoAdmitWhenHostJoins;

    public string ZoomAccountId { get; set; } = "";
    public string ZoomClientId { get; set; } = "";
    public string ZoomUserEmailDomain { get; set; } = "";
    public ProviderUserType ProviderUserType { get; set; } = ProviderUserType.Licensed;
    public string ZoomOAuthBaseUrl { get; set; } = ZoomSettings.DefaultOAuthBaseUrl;
    public string ZoomApiBaseUrl { get; set; } = ZoomSettings.DefaultApiBaseUrl;

    public string EpicFhirBaseUrl { get; set; } = "";
    public string EpicTelehealthBaseUrl { get; set; } = "";
    public string? EpicOAuthBaseUrl { get; set; }
    public string EpicClientId { get; set; } = "";
    public string VendorName { get; set; } = EpicSettings.DefaultVendorName;
    public TelehealthAuthMode TelehealthAuthMode { get; set; } = TelehealthAuthMode.BackendOAuthToken;
    public string? TelehealthBasicUser { get; set; }
    public string ConnectedStatusCode { get; set; } = EpicStatusCodes.Default.Connected;
    public string DisconnectedStatusCode { get; set; } = EpicStatusCodes.Default.Disconnected;
    public string PatientIdTypeCode { get; set; } = EpicStatusCodes.Default.PatientIdType;
    public string ProviderIdTypeCode { get; set; } = EpicStatusCodes.Default.ProviderIdType;
    public string DeviceTestReportPath { get; set; } = EpicSettings.DefaultDeviceTestReportPath;

    public string? DeviceTestEndpointUrl { get; set; }
    public string? ProviderDeviceTestHelpUrl { get; set; }

    public bool SmsEnabled { get; set; }
    public string SmsApiBaseUrl { get; set; } = SmsSettings.DefaultApiBaseUrl;
    public string SmsAccountSid { get; set; } = "";
    public string SmsFromNumber { get; set; } = "";
    public string SmsMessageTemplate { get; set; } = SmsSettings.DefaultTemplate;

    public bool GuestsEnabled { get; set; }
    public bool GuestsAllowFamilyCaregiver { get; set; } = true;
    public bool GuestsAllowInterpreter { get; set; } = true;
    public bool GuestsAllowClinician { get; set; } = true;
    public int MaxGuestsPerVisit { get; set; } = GuestSettings.DefaultMaxGuests;
    public string GuestSmsTemplate { get; set; } = GuestSettings.DefaultSmsTemplate;
    public string GuestEmailSubject { get; set; } = GuestSettings.DefaultEmailSubject;
    public string GuestEmailTemplate { get; set; } = GuestSettings.DefaultEmailTemplate;

    /// <summary>False: invitations go through the installation's server (configuration section Email).</summary>
    public bool EmailUseOwnServer { get; set; }
    public string EmailHost { get; set; } = "";
    public int EmailPort { get; set; } = TenantEmailSettings.Installation.Port;
    public EmailTlsMode EmailTls { get; set; } = EmailTlsMode.StartTls;
    public string EmailUserName { get; set; } = "";
    public string EmailFromAddress { get; set; } = "";
    public string EmailFromName { get; set; } = "";

    /// <summary>Scopes asked for in an EHR launch (SMART v2 by default; v1 for an older Epic).</summary>
    public string SmartLaunchScopes { get; set; } = SmartSettings.DefaultLaunchScopes;

    /// <summary>Scopes asked for with client_credentials (backend services).</summary>
    public string SmartBackendScopes { get; set; } = SmartSettings.DefaultBackendScopes;

    /// <summary>EHR origins that may show EpicZoom's launch pages in a frame, space-separated; empty = nobody (DENY).</summary>
    public string? FrameAncestors { get; set; }

    // Write-only secrets: null or empty keeps the stored value.
    public string? ZoomClientSecret { get; set; }
    public string? ZoomWebhookSecretToken { get; set; }
    public string? EpicClientSecret { get; set; }
    public string? TelehealthBasicPassword { get; set; }
    public string? SmsAuthToken { get; set; }
    public string? SmtpPassword { get; set; }
    public List<TenantSecret> SecretsToRemove { get; set; } = [];

    public SigningKeyAction SigningKeyAction { get; set; } = SigningKeyAction.Keep;
    public string? PrivateKeyPem { get; set; }

    internal ZoomSettings ToZoomSettings() => new(
        ZoomAccountId.Trim(), ZoomClientId.Trim(), ZoomUserEmailDomain.Trim().ToLowerInvariant(), ProviderUserType,
        ZoomOAuthBaseUrl.Trim(), ZoomApiBaseUrl.Trim());

    internal EpicSettings ToEpicSettings() => new(
        EpicFhirBaseUrl.Trim(),
        EpicTelehealthBaseUrl.Trim(),
        string.IsNullOrWhiteSpace(EpicOAuthBaseUrl) ? null : EpicOAuthBaseUrl.Trim(),
        EpicClientId.Trim(),
        VendorName.Trim(),
        TelehealthAuthMode,
        string.IsNullOrWhiteSpace(TelehealthBasicUser) ? null : TelehealthBasicUser.Trim(),
        new EpicStatusCodes(ConnectedStatusCode.Trim(), DisconnectedStatusCode.Trim(), PatientIdTypeCode.Trim(), ProviderIdTypeCode.Trim()),
        DeviceTestReportPath.Trim().TrimStart('/'));

    internal DeviceTestSettings ToDeviceTestSettings() => new(
        string.IsNullOrWhiteSpace(DeviceTestEndpointUrl) ? null : DeviceTestEndpointUrl.Trim(),
        string.IsNullOrWhiteSpace(ProviderDeviceTestHelpUrl) ? null : ProviderDeviceTestHelpUrl.Trim());

    internal SmsSettings ToSmsSettings() => new(
        SmsEnabled,
        string.IsNullOrWhiteSpace(SmsApiBaseUrl) ? SmsSettings.DefaultApiBaseUrl : SmsApiBaseUrl.Trim(),
        SmsAccountSid.Trim(),
        Domain.Sms.PhoneNumber.TryParse(SmsFromNumber, out var from, out _) ? from!.E164 : SmsFromNumber.Trim(),
        SmsMessageTemplate.Trim());

    internal SmartSettings ToSmartSettings() => new(SmartLaunchScopes?.Trim() ?? "", SmartBackendScopes?.Trim() ?? "", FrameAncestors?.Trim() ?? "");

    internal GuestRoles GuestRoles =>
        (GuestsAllowFamilyCaregiver ? GuestRoles.FamilyCaregiver : GuestRoles.None)
        | (GuestsAllowInterpreter ? GuestRoles.Interpreter : GuestRoles.None)
        | (GuestsAllowClinician ? GuestRoles.Clinician : GuestRoles.None);

    // Templates keep their line breaks (the e-mail body has paragraphs); only the ends are trimmed.
    internal GuestSettings ToGuestSettings() => new(
        GuestsEnabled, GuestRoles, MaxGuestsPerVisit, (GuestSmsTemplate ?? "").Trim(), (GuestEmailSubject ?? "").Trim(), (GuestEmailTemplate ?? "").Trim());

    internal TenantEmailSettings ToEmailSettings() => new(
        EmailUseOwnServer, (EmailHost ?? "").Trim(), EmailPort, EmailTls, (EmailUserName ?? "").Trim(), (EmailFromAddress ?? "").Trim(), (EmailFromName ?? "").Trim());

    internal IEnumerable<(TenantSecret Secret, string Value)> NewSecrets()
    {
        if (!string.IsNullOrEmpty(ZoomClientSecret)) yield return (TenantSecret.ZoomClientSecret, ZoomClientSecret);
        if (!string.IsNullOrEmpty(ZoomWebhookSecretToken)) yield return (TenantSecret.ZoomWebhookSecretToken, ZoomWebhookSecretToken);
        if (!string.IsNullOrEmpty(EpicClientSecret)) yield return (TenantSecret.EpicClientSecret, EpicClientSecret);
        if (!string.IsNullOrEmpty(TelehealthBasicPassword)) yield return (TenantSecret.TelehealthBasicPassword, TelehealthBasicPassword);
        if (!string.IsNullOrEmpty(SmsAuthToken)) yield return (TenantSecret.SmsAuthToken, SmsAuthToken);
        if (!string.IsNullOrEmpty(SmtpPassword)) yield return (TenantSecret.SmtpPassword, SmtpPassword);
    }

    /// <summary>Fills a form from a stored tenant; secrets stay empty (they are never read back).</summary>
    public static TenantInput From(Tenant t) => new()
    {
        Name = t.Name,
        OrgId = t.OrgId,
        Environment = t.Environment,
        AdmittancePolicy = t.AdmittancePolicy,
        ZoomAccountId = t.Zoom.AccountId,
        ZoomClientId = t.Zoom.ClientId,
        ZoomUserEmailDomain = t.Zoom.UserEmailDomain,
        ProviderUserType = t.Zoom.ProviderUserType,
        ZoomOAuthBaseUrl = t.Zoom.OAuthBaseUrl,
        ZoomApiBaseUrl = t.Zoom.ApiBaseUrl,
        EpicFhirBaseUrl = t.Epic.FhirBaseUrl,
        EpicTelehealthBaseUrl = t.Epic.TelehealthBaseUrl,
        EpicOAuthBaseUrl = t.Epic.OAuthBaseUrl,
        EpicClientId = t.Epic.ClientId,
        VendorName = t.Epic.VendorName,
        TelehealthAuthMode = t.Epic.TelehealthAuthMode,
        TelehealthBasicUser = t.Epic.TelehealthBasicUser,
        ConnectedStatusCode = t.Epic.StatusCodes.Connected,
        DisconnectedStatusCode = t.Epic.StatusCodes.Disconnected,
        PatientIdTypeCode = t.Epic.StatusCodes.PatientIdType,
        ProviderIdTypeCode = t.Epic.StatusCodes.ProviderIdType,
        DeviceTestReportPath = t.Epic.DeviceTestReportPath,
        DeviceTestEndpointUrl = t.DeviceTest.EndpointUrl,
        ProviderDeviceTestHelpUrl = t.DeviceTest.ProviderHelpUrl,
        SmsEnabled = t.Sms.Enabled,
        SmsApiBaseUrl = t.Sms.ApiBaseUrl,
        SmsAccountSid = t.Sms.AccountSid,
        SmsFromNumber = t.Sms.FromNumber,
        SmsMessageTemplate = t.Sms.MessageTemplate,
        GuestsEnabled = t.Guests.Enabled,
        GuestsAllowFamilyCaregiver = t.Guests.AllowedRoles.HasFlag(GuestRoles.FamilyCaregiver),
        GuestsAllowInterpreter = t.Guests.AllowedRoles.HasFlag(GuestRoles.Interpreter),
        GuestsAllowClinician = t.Guests.AllowedRoles.HasFlag(GuestRoles.Clinician),
        MaxGuestsPerVisit = t.Guests.MaxGuestsPerVisit,
        GuestSmsTemplate = t.Guests.SmsTemplate,
        GuestEmailSubject = t.Guests.EmailSubject,
        GuestEmailTemplate = t.Guests.EmailTemplate,
        EmailUseOwnServer = t.Email.UseOwnServer,
        EmailHost = t.Email.Host,
        EmailPort = t.Email.Port,
        EmailTls = t.Email.Tls,
        EmailUserName = t.Email.UserName,
        EmailFromAddress = t.Email.FromAddress,
        EmailFromName = t.Email.FromName,
        SmartLaunchScopes = t.Smart.LaunchScopes,
        SmartBackendScopes = t.Smart.BackendScopes,
        FrameAncestors = t.Smart.FrameAncestors,
    };
}
