using System.Text.Json;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.GetTenant;
using EpicZoom.Application.Tenants.UpdateTenant;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Tests.Tenants;

public sealed class GetTenantTests : IDisposable
{
    private readonly TestApp app = new();

    [Fact]
    public async Task Get_ReturnsTheSettingsAsAFormWithEmptySecretFields()
    {
        var input = Inputs.Valid().WithSecrets();
        input.EpicOAuthBaseUrl = "https://fhir.acme.org/oauth2";
        var id = (await app.CreateTenant(input)).Id;

        var dto = await app.Send(new GetTenantQuery(id));

        Assert.Equal((id, "Acme Health", "acme-health", EpicEnvironment.Test), (dto.Id, dto.Name, dto.OrgId, dto.Environment));
        Assert.Equal("https://fhir.acme.org/api/FHIR/R4", dto.Form.EpicFhirBaseUrl);
        Assert.Equal("https://fhir.acme.org/oauth2", dto.Form.EpicOAuthBaseUrl);
        Assert.Equal("telehealth.acme.org", dto.Form.ZoomUserEmailDomain);
        Assert.Equal("acme-health", dto.Form.OrgId);
        Assert.Null(dto.Form.ZoomClientSecret);
        Assert.Null(dto.Form.ZoomWebhookSecretToken);
        Assert.Null(dto.Form.EpicClientSecret);
        Assert.Null(dto.Form.TelehealthBasicPassword);
        Assert.Null(dto.Form.SmsAuthToken);
        Assert.Null(dto.Form.PrivateKeyPem);
        Assert.Equal(SigningKeyAction.Keep, dto.Form.SigningKeyAction);
        Assert.Equal((app.Clock.UtcNow, app.Clock.UtcNow), (dto.CreatedAtUtc, dto.UpdatedAtUtc));
    }

    [Fact]
    public async Task Get_SaysWhichSecretsAreSet()
    {
        var input = Inputs.Valid();
        input.ZoomWebhookSecretToken = "zoom-webhook-PLAIN";
        input.SigningKeyAction = SigningKeyAction.Generate;
        var id = (await app.CreateTenant(input)).Id;

        var dto = await app.Send(new GetTenantQuery(id));

        Assert.Equal(new Dictionary<TenantSecret, bool>
        {
            [TenantSecret.ZoomClientSecret] = false,
            [TenantSecret.ZoomWebhookSecretToken] = true,
            [TenantSecret.EpicClientSecret] = false,
            [TenantSecret.EpicPrivateKey] = true,
            [TenantSecret.TelehealthBasicPassword] = false,
            [TenantSecret.SmsAuthToken] = false,
            [TenantSecret.SmtpPassword] = false,
        }, dto.SecretIsSet);
        var stored = app.StoredTenant(id).SigningKey!;
        Assert.Equal(new SigningKeyDto(stored.KeyId, app.Clock.UtcNow, Imported: false), dto.SigningKey);
    }

    [Fact]
    public async Task Get_NeverCarriesASecretValuePlainOrProtected()
    {
        var input = Inputs.Valid().WithSecrets();
        input.SmtpPassword = "smtp-password-PLAIN";
        input.SigningKeyAction = SigningKeyAction.Import;
        input.PrivateKeyPem = SigningKeys.RsaPkcs8Pem;
        var id = (await app.CreateTenant(input)).Id;
        var tenant = app.StoredTenant(id);

        var json = JsonSerializer.Serialize(await app.Send(new GetTenantQuery(id)));

        var forbidden = Inputs.SecretValues.Append(input.SmtpPassword)
            .Concat(Enum.GetValues<TenantSecret>().Select(s => tenant.GetProtectedSecret(s)!))
            .Append(SigningKeys.RsaPkcs8Pem.Split('\n')[1]);
        Assert.All(forbidden, value => Assert.DoesNotContain(value, json, StringComparison.Ordinal));
        Assert.DoesNotContain("enc:", json, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_GivesTheJwksUrlUnderThePublicBaseUrl()
    {
        var id = (await app.CreateTenant()).Id;

        Assert.Equal("https://ez.example.org/jwks/acme-health", (await app.Send(new GetTenantQuery(id))).JwksUrl);
    }

    [Fact]
    public async Task Get_ListsTheTenantsConfigurationWarnings()
    {
        var input = Inputs.Valid().WithSecrets();
        input.EpicFhirBaseUrl = "https://fhir.acme.org/api/FHIR/DSTU2";
        input.TelehealthAuthMode = TelehealthAuthMode.BasicEmpUser;
        input.TelehealthBasicUser = "emp$zoom";
        var id = (await app.CreateTenant(input)).Id;

        var dto = await app.Send(new GetTenantQuery(id));

        Assert.Equal(app.StoredTenant(id).ConfigurationWarnings(), dto.Warnings);
        Assert.Contains("does not end in an R4 base", Assert.Single(dto.Warnings));
    }

    [Fact]
    public async Task Get_AfterAnUpdate_ShowsTheNewUpdatedTime()
    {
        var id = (await app.CreateTenant()).Id;
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.Send(new UpdateTenantCommand(id, Inputs.Valid(name: "Renamed")));

        var dto = await app.Send(new GetTenantQuery(id));

        Assert.Equal("Renamed", dto.Name);
        Assert.Equal(app.Clock.UtcNow.AddDays(-1), dto.CreatedAtUtc);
        Assert.Equal(app.Clock.UtcNow, dto.UpdatedAtUtc);
    }

    [Fact]
    public async Task Get_WhenTenantDoesNotExist_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => app.Send(new GetTenantQuery(Guid.NewGuid())));
    }

    public void Dispose() => app.Dispose();
}
