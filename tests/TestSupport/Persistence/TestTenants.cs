using EpicZoom.Domain.Tenants;

namespace EpicZoom.TestSupport.Persistence;

public static class TestTenants
{
    public static Tenant Valid(string orgId, DateTime now) => Tenant.Create(
        "Mercy Health", orgId, EpicEnvironment.Production, PatientAdmittancePolicy.HostAdmitsFromWaitingRoom,
        new ZoomSettings("acc-1", "zoom-client", "telehealth.mercy.example", ProviderUserType.Licensed, ZoomSettings.DefaultOAuthBaseUrl, ZoomSettings.DefaultApiBaseUrl),
        new EpicSettings("https://fhir.mercy.example/api/FHIR/R4", "https://fhir.mercy.example", null, "epic-client", "EpicZoom",
            TelehealthAuthMode.BackendOAuthToken, null, new EpicStatusCodes("1", "2", "3", "4"), EpicSettings.DefaultDeviceTestReportPath),
        new DeviceTestSettings("https://test.mercy.example/device", null),
        now);
}
