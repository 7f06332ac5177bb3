using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EpicZoom.Web.Tests;

/// <summary>Valid tenant bodies for the admin API, and JSON settings matching the app's (enums by name).</summary>
internal static class AdminTenantApi
{
    public const string ZoomSecret = "zoom-client-secret-9f8e7d";
    public const string WebhookToken = "webhook-token-4fv1RkqGQUq5";
    public const string EpicSecret = "epic-client-secret-a1b2c3";
    public const string BasicPassword = "basic-password-xyz789";
    public const string SmsToken = "sms-auth-token-q7w8e9";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Dictionary<string, object?> ValidBody(string? orgId = null) => new()
    {
        ["name"] = "Mercy Health",
        ["orgId"] = orgId,
        ["environment"] = "Test",
        ["admittancePolicy"] = "AutoAdmitWhenHostJoins",
        ["zoomAccountId"] = "acc-123",
        ["zoomClientId"] = "zoom-client-id",
        ["zoomUserEmailDomain"] = "telehealth.mercy.example",
        ["providerUserType"] = "Licensed",
        ["epicFhirBaseUrl"] = "https://fhir.mercy.example/interconnect/api/FHIR/R4",
        ["epicTelehealthBaseUrl"] = "https://fhir.mercy.example/interconnect",
        ["epicClientId"] = "epic-client-id",
        ["telehealthAuthMode"] = "BasicEmpUser",
        ["telehealthBasicUser"] = "ZOOMSVC",
        ["zoomClientSecret"] = ZoomSecret,
        ["zoomWebhookSecretToken"] = WebhookToken,
        ["epicClientSecret"] = EpicSecret,
        ["telehealthBasicPassword"] = BasicPassword,
        ["signingKeyAction"] = "Generate",
        ["smsEnabled"] = true,
        ["smsAccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["smsFromNumber"] = "+1 555 010 0200",
        ["smsAuthToken"] = SmsToken,
    };

    public static async Task<(Guid Id, string OrgId)> CreateAsync(HttpClient admin, Dictionary<string, object?>? body = null)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/tenants", body ?? ValidBody(), Json);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (created.RootElement.GetProperty("id").GetGuid(), created.RootElement.GetProperty("orgId").GetString()!);
    }
}
