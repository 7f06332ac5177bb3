using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.CreateTenant;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Tenants;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace EpicZoom.Application.Tests.Tenants;

public sealed class CreateTenantTests : IDisposable
{
    private readonly TestApp app = new();

    [Fact]
    public async Task Create_StoresTheSettingsTrimmedAndNormalised()
    {
        var input = Inputs.Valid(orgId: " acme-health ".Trim());
        input.Name = "  Acme Health  ";
        input.ZoomUserEmailDomain = " Telehealth.ACME.org ";
        input.EpicFhirBaseUrl = " https://fhir.acme.org/api/FHIR/R4/ ";
        input.EpicOAuthBaseUrl = "  ";
        input.DeviceTestReportPath = "/api/epic/DeviceTest";
        input.Environment = EpicEnvironment.Production;

        var created = await app.CreateTenant(input);

        var tenant = app.StoredTenant(created.Id);
        Assert.Equal("acme-health", created.OrgId);
        Assert.Equal("Acme Health", tenant.Name);
        Assert.Equal("telehealth.acme.org", tenant.Zoom.UserEmailDomain);
        Assert.Equal("https://fhir.acme.org/api/FHIR/R4", tenant.Epic.FhirBaseUrl);
        Assert.Null(tenant.Epic.OAuthBaseUrl);
        Assert.Equal("api/epic/DeviceTest", tenant.Epic.DeviceTestReportPath);
        Assert.Equal(EpicEnvironment.Production, tenant.Environment);
        Assert.Equal(app.Clock.UtcNow, tenant.CreatedAtUtc);
        Assert.Equal(app.Clock.UtcNow, tenant.UpdatedAtUtc);
    }

    [Fact]
    public async Task Create_StoresOnlyTheProtectedFormOfEachSecret()
    {
        var created = await app.CreateTenant(Inputs.Valid().WithSecrets());

        foreach (var plaintext in Inputs.SecretValues) app.Protector.Received(1).Protect(plaintext);
        var tenant = app.StoredTenant(created.Id);
        Assert.Equal(TestApp.Protected("zoom-client-PLAIN"), tenant.ZoomClientSecretProtected);
        Assert.Equal(TestApp.Protected("zoom-webhook-PLAIN"), tenant.ZoomWebhookSecretTokenProtected);
        Assert.Equal(TestApp.Protected("epic-client-PLAIN"), tenant.EpicClientSecretProtected);
        Assert.Equal(TestApp.Protected("basic-password-PLAIN"), tenant.TelehealthBasicPasswordProtected);
        var stored = app.Db.RawValues("Tenants").Concat(app.Db.RawValues("AuditEntries")).ToList();
        Assert.All(Inputs.SecretValues, secret => Assert.DoesNotContain(stored, value => value.Contains(secret, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Create_WhenNoSecretsAreGiven_ProtectsNothingAndStoresNoSecret()
    {
        var created = await app.CreateTenant();

        app.Protector.DidNotReceiveWithAnyArgs().Protect(default!);
        var tenant = app.StoredTenant(created.Id);
        Assert.All(Enum.GetValues<TenantSecret>(), s => Assert.False(tenant.HasSecret(s)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Create_WhenOrgIdIsEmpty_UsesAGeneratedOne(string? orgId)
    {
        var created = await app.CreateTenant(Inputs.Valid(orgId: orgId));

        Assert.Equal("generated-org", created.OrgId);
        Assert.Equal("generated-org", app.StoredTenant(created.Id).OrgId);
        app.OrgIds.Received(1).NewOrgId();
    }

    [Fact]
    public async Task Create_WhenOrgIdIsGiven_DoesNotGenerateOne()
    {
        await app.CreateTenant(Inputs.Valid(orgId: "chosen-org"));

        app.OrgIds.DidNotReceive().NewOrgId();
    }

    [Fact]
    public async Task Create_WhenAskedToGenerateAKey_StoresThePublicKeyAndOnlyTheProtectedPrivateKey()
    {
        var input = Inputs.Valid();
        input.SigningKeyAction = SigningKeyAction.Generate;

        var created = await app.CreateTenant(input);

        var privatePem = app.Protector.ReceivedCalls().Select(c => (string)c.GetArguments()[0]!)
            .Single(arg => arg.StartsWith("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal));
        var tenant = app.StoredTenant(created.Id);
        Assert.NotNull(tenant.SigningKey);
        Assert.False(tenant.SigningKey.Imported);
        Assert.Equal(app.Clock.UtcNow, tenant.SigningKey.CreatedAtUtc);
        Assert.Contains($"\"kid\":\"{tenant.SigningKey.KeyId}\"", tenant.SigningKey.PublicJwkJson);
        Assert.Equal(TestApp.Protected(privatePem), tenant.EpicPrivateKeyProtected);
        Assert.DoesNotContain(app.Db.RawValues("Tenants"), v => v.Contains("PRIVATE KEY-----", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_WhenImportingAKey_StoresItAsImported()
    {
        var input = Inputs.Valid();
        input.SigningKeyAction = SigningKeyAction.Import;
        input.PrivateKeyPem = SigningKeys.RsaPkcs1Pem;

        var created = await app.CreateTenant(input);

        var tenant = app.StoredTenant(created.Id);
        Assert.True(tenant.SigningKey!.Imported);
        Assert.StartsWith("enc:", tenant.EpicPrivateKeyProtected);
        Assert.DoesNotContain(app.Db.RawValues("Tenants"), v => v.Contains(SigningKeys.RsaPkcs1Pem.Split('\n')[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_WritesOneAuditEntryNamingTheSecretsButNoValue()
    {
        var input = Inputs.Valid().WithSecrets();
        input.SigningKeyAction = SigningKeyAction.Generate;

        await app.CreateTenant(input);

        var entry = Assert.Single(app.StoredAudit());
        Assert.Equal(("alice", "TenantCreated", "Tenant", "acme-health", app.Clock.UtcNow),
            (entry.Actor, entry.Action, entry.EntityType, entry.EntityId, entry.AtUtc));
        Assert.Equal("all settings; ZoomClientSecret replaced; ZoomWebhookSecretToken replaced; EpicClientSecret replaced; " +
                     "TelehealthBasicPassword replaced; SmsAuthToken replaced; SigningKey generated", entry.Summary);
        Assert.DoesNotContain("PLAIN", entry.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("enc:", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenOrgIdIsTaken_FailsOnInputOrgIdAndSavesNothing()
    {
        await app.CreateTenant(Inputs.Valid(orgId: "taken-org", name: "First"));

        var ex = await Assert.ThrowsAsync<ValidationException>(() => app.CreateTenant(Inputs.Valid(orgId: "taken-org", name: "Second")));

        Assert.Equal(["Input.OrgId"], ex.Errors.Keys);
        Assert.Equal("First", Assert.Single(app.StoredTenants()).Name);
        Assert.Single(app.StoredAudit());
    }

    [Fact]
    public async Task Create_WhenAnotherAdminSavedTheSameOrgIdFirst_FailsOnInputOrgIdAndSavesNothing()
    {
        await app.CreateTenant(Inputs.Valid(orgId: "raced-org", name: "First"));

        // Straight to the handler, as if the validator's check ran before the other admin's save committed.
        var ex = await Assert.ThrowsAsync<ValidationException>(() => app.InScope(sp =>
            ActivatorUtilities.CreateInstance<CreateTenantCommandHandler>(sp)
                .Handle(new CreateTenantCommand(Inputs.Valid(orgId: "raced-org", name: "Second")), CancellationToken.None)));

        Assert.Equal("Another tenant already uses this org_id.", Assert.Single(ex.Errors["Input.OrgId"]));
        Assert.Equal("First", Assert.Single(app.StoredTenants()).Name);
        Assert.Single(app.StoredAudit());
    }

    public void Dispose() => app.Dispose();
}
