using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Tests.Tenants;

public class TenantWarningsTests
{
    private const string NotR4 = "does not end in an R4 base";
    private const string NoZoomSecret = "No Zoom client secret";
    private const string NoWebhookToken = "No Zoom webhook secret token";
    private const string NoClientAuth = "Epic client authentication is missing";
    private const string BackendNeedsKey = "backend OAuth token, which needs a signing key";
    private const string BasicIncomplete = "Basic authentication, but the Epic user or its password is not set";

    private static string[] Matching(Tenant tenant) =>
        new[] { NotR4, NoZoomSecret, NoWebhookToken, NoClientAuth, BackendNeedsKey, BasicIncomplete }
            .Where(w => tenant.ConfigurationWarnings().Any(text => text.Contains(w, StringComparison.Ordinal)))
            .ToArray();

    [Fact]
    public void ConfigurationWarnings_ForAFullyConfiguredTenant_AreEmpty()
    {
        Assert.Empty(TenantFactory.FullyConfigured().ConfigurationWarnings());
    }

    [Fact]
    public void ConfigurationWarnings_ForANewTenant_NameEverythingMissing()
    {
        var warnings = TenantFactory.Create().ConfigurationWarnings();

        Assert.Equal(4, warnings.Count);
        Assert.Equal([NoZoomSecret, NoWebhookToken, NoClientAuth, BackendNeedsKey], Matching(TenantFactory.Create()));
    }

    [Theory]
    [InlineData("https://fhir.example.org/api/FHIR/DSTU2")]
    [InlineData("https://fhir.example.org")]
    public void ConfigurationWarnings_WhenFhirUrlIsNotAnR4Base_WarnOnlyAboutThat(string url)
    {
        var tenant = TenantFactory.FullyConfigured();
        Reconfigure(tenant, TenantFactory.Epic(fhir: url));

        Assert.Equal([NotR4], Matching(tenant));
        Assert.Single(tenant.ConfigurationWarnings());
    }

    [Theory]
    [InlineData(TenantSecret.ZoomClientSecret, NoZoomSecret)]
    [InlineData(TenantSecret.ZoomWebhookSecretToken, NoWebhookToken)]
    public void ConfigurationWarnings_WhenAZoomSecretIsMissing_WarnOnlyAboutThat(TenantSecret secret, string expected)
    {
        var tenant = TenantFactory.FullyConfigured();
        tenant.SetProtectedSecret(secret, null, TenantFactory.Later);

        Assert.Equal([expected], Matching(tenant));
    }

    [Fact]
    public void ConfigurationWarnings_WhenNeitherClientSecretNorKeyIsSet_WarnAboutClientAuth()
    {
        var tenant = TenantFactory.FullyConfigured();
        Reconfigure(tenant, TenantFactory.Epic(mode: TelehealthAuthMode.BasicEmpUser, basicUser: "emp$zoom"));
        tenant.SetProtectedSecret(TenantSecret.TelehealthBasicPassword, "enc-basic", TenantFactory.Later);
        tenant.SetProtectedSecret(TenantSecret.EpicClientSecret, null, TenantFactory.Later);
        Assert.Empty(Matching(tenant));

        tenant.RemoveSigningKey(TenantFactory.Later);

        Assert.Equal([NoClientAuth], Matching(tenant));
    }

    [Fact]
    public void ConfigurationWarnings_WhenBackendTokenModeHasNoKey_WarnEvenWithAClientSecret()
    {
        var tenant = TenantFactory.FullyConfigured();
        tenant.RemoveSigningKey(TenantFactory.Later);

        Assert.Equal([BackendNeedsKey], Matching(tenant));
    }

    [Theory]
    [InlineData(null, "enc-basic")]
    [InlineData("emp$zoom", null)]
    [InlineData(null, null)]
    public void ConfigurationWarnings_WhenBasicModeLacksUserOrPassword_Warn(string? user, string? password)
    {
        var tenant = TenantFactory.FullyConfigured();
        Reconfigure(tenant, TenantFactory.Epic(mode: TelehealthAuthMode.BasicEmpUser, basicUser: user));
        tenant.SetProtectedSecret(TenantSecret.TelehealthBasicPassword, password, TenantFactory.Later);

        Assert.Equal([BasicIncomplete], Matching(tenant));
    }

    [Fact]
    public void ConfigurationWarnings_WhenBasicModeHasUserAndPassword_DoNotAskForASigningKey()
    {
        var tenant = TenantFactory.FullyConfigured();
        Reconfigure(tenant, TenantFactory.Epic(mode: TelehealthAuthMode.BasicEmpUser, basicUser: "emp$zoom"));
        tenant.SetProtectedSecret(TenantSecret.TelehealthBasicPassword, "enc-basic", TenantFactory.Later);
        tenant.RemoveSigningKey(TenantFactory.Later);

        Assert.Empty(tenant.ConfigurationWarnings());
    }

    private static void Reconfigure(Tenant tenant, EpicSettings epic) =>
        tenant.Update(tenant.Name, tenant.OrgId, tenant.Environment, tenant.AdmittancePolicy, tenant.Zoom, epic, tenant.DeviceTest, TenantFactory.Later);
}
