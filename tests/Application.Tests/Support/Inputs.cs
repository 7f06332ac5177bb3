using EpicZoom.Application.Tenants.Common;

namespace EpicZoom.Application.Tests.Support;

internal static class Inputs
{
    /// <summary>The smallest input that passes every rule; tests change the one field they are about.</summary>
    public static TenantInput Valid(string? orgId = "acme-health", string name = "Acme Health") => new()
    {
        Name = name,
        OrgId = orgId,
        ZoomAccountId = "zoom-account",
        ZoomClientId = "zoom-client",
        ZoomUserEmailDomain = "telehealth.acme.org",
        EpicFhirBaseUrl = "https://fhir.acme.org/api/FHIR/R4",
        EpicTelehealthBaseUrl = "https://fhir.acme.org",
        EpicClientId = "epic-client",
    };

    /// <summary>Distinctive secret values, so a leak of any of them is easy to find.</summary>
    public static TenantInput WithSecrets(this TenantInput input)
    {
        input.ZoomClientSecret = "zoom-client-PLAIN";
        input.ZoomWebhookSecretToken = "zoom-webhook-PLAIN";
        input.EpicClientSecret = "epic-client-PLAIN";
        input.TelehealthBasicPassword = "basic-password-PLAIN";
        input.SmsAuthToken = "sms-token-PLAIN";
        return input;
    }

    public static readonly string[] SecretValues = ["zoom-client-PLAIN", "zoom-webhook-PLAIN", "epic-client-PLAIN", "basic-password-PLAIN", "sms-token-PLAIN"];

    public static void Set(this TenantInput input, string property, object? value) =>
        typeof(TenantInput).GetProperty(property)!.SetValue(input, value);
}
