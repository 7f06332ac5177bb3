using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Tests.Tenants;

/// <summary>A valid tenant's settings, so each test changes only the one value it is about.</summary>
internal static class TenantFactory
{
    public static readonly DateTime Created = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Later = Created.AddHours(1);

    public static ZoomSettings Zoom(string oauth = "https://zoom.us", string api = "https://api.zoom.us/v2") =>
        new("acct-1", "zoom-client", "telehealth.example.org", ProviderUserType.Licensed, oauth, api);

    public static EpicSettings Epic(
        string fhir = "https://fhir.example.org/api/FHIR/R4",
        string telehealth = "https://fhir.example.org",
        string? oauth = null,
        TelehealthAuthMode mode = TelehealthAuthMode.BackendOAuthToken,
        string? basicUser = null) =>
        new(fhir, telehealth, oauth, "epic-client", EpicSettings.DefaultVendorName, mode, basicUser,
            EpicStatusCodes.Default, EpicSettings.DefaultDeviceTestReportPath);

    public static Tenant Create(
        string name = "General Hospital", string orgId = "general-hospital",
        ZoomSettings? zoom = null, EpicSettings? epic = null) =>
        Tenant.Create(name, orgId, EpicEnvironment.Test, PatientAdmittancePolicy.AutoAdmitWhenHostJoins,
            zoom ?? Zoom(), epic ?? Epic(), DeviceTestSettings.None, Created);

    public static SigningKey Key() => new("kid-1", "{\"kty\":\"RSA\"}", Created, Imported: false);

    /// <summary>Everything set, so no configuration warning applies.</summary>
    public static Tenant FullyConfigured()
    {
        var tenant = Create();
        tenant.SetProtectedSecret(TenantSecret.ZoomClientSecret, "enc-zoom", Created);
        tenant.SetProtectedSecret(TenantSecret.ZoomWebhookSecretToken, "enc-hook", Created);
        tenant.SetProtectedSecret(TenantSecret.EpicClientSecret, "enc-epic", Created);
        tenant.SetSigningKey(Key(), "enc-private", Created);
        return tenant;
    }
}
