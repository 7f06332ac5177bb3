namespace EpicZoom.Domain.Tenants;

/// <summary>Zoom Server-to-Server OAuth app and the rules for the accounts EpicZoom creates in it.</summary>
public sealed record ZoomSettings(
    string AccountId,
    string ClientId,
    string UserEmailDomain,
    ProviderUserType ProviderUserType,
    string OAuthBaseUrl,
    string ApiBaseUrl)
{
    public const string DefaultOAuthBaseUrl = "https://zoom.us";
    public const string DefaultApiBaseUrl = "https://api.zoom.us/v2";
}

/// <summary>
/// Values Epic expects in SetExternalConnectionStatus. Epic does not publish the lists, so each customer can
/// override them (shared/spec/epic.md §3); the defaults are the values seen in public samples.
/// </summary>
public sealed record EpicStatusCodes(string Connected, string Disconnected, string PatientIdType, string ProviderIdType)
{
    public static EpicStatusCodes Default { get; } = new("1", "2", "2", "2");
}

/// <summary>The tenant's Epic instance: where to launch from, whom to report to, and as which client.</summary>
public sealed record EpicSettings(
    string FhirBaseUrl,
    string TelehealthBaseUrl,
    string? OAuthBaseUrl,
    string ClientId,
    string VendorName,
    TelehealthAuthMode TelehealthAuthMode,
    string? TelehealthBasicUser,
    EpicStatusCodes StatusCodes,
    string DeviceTestReportPath)
{
    // For EF Core, which cannot bind the nested StatusCodes through the constructor.
    private EpicSettings() : this("", "", null, "", "", default, null, EpicStatusCodes.Default, "")
    {
    }

    public const string R4Suffix = "/api/FHIR/R4";
    public const string DefaultVendorName = "EpicZoom";
    public const string DefaultDeviceTestReportPath = "api/epic/2020/Telehealth/DeviceTest/SetDeviceTestResult";

    public bool FhirBaseLooksLikeR4 => IsR4Base(FhirBaseUrl);

    /// <summary>The commonest misconfiguration: a FHIR URL that is not the R4 base Epic sends as 'iss'.</summary>
    public static bool IsR4Base(string url)
    {
        var trimmed = url.Trim().TrimEnd('/');
        return trimmed.EndsWith(R4Suffix, StringComparison.OrdinalIgnoreCase) || trimmed.EndsWith("/R4", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Optional device-test links shown to patients and providers.</summary>
public sealed record DeviceTestSettings(string? EndpointUrl, string? ProviderHelpUrl)
{
    public static DeviceTestSettings None { get; } = new(null, null);
}

/// <summary>The secrets a tenant can hold. Their values only ever exist encrypted inside the aggregate.</summary>
public enum TenantSecret
{
    ZoomClientSecret,
    ZoomWebhookSecretToken,
    EpicClientSecret,
    EpicPrivateKey,
    TelehealthBasicPassword,
    SmsAuthToken,
    SmtpPassword,
}

/// <summary>The public half of the tenant's signing key, published in its JWKS; the private half is <see cref="TenantSecret.EpicPrivateKey"/>.</summary>
public sealed record SigningKey(string KeyId, string PublicJwkJson, DateTime CreatedAtUtc, bool Imported);
