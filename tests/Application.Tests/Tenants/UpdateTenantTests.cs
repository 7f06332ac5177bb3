using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.UpdateTenant;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Tenants;
using NSubstitute;

namespace EpicZoom.Application.Tests.Tenants;

public sealed class UpdateTenantTests : IDisposable
{
    private readonly TestApp app = new();

    private async Task<Guid> CreateWithSecretsAndKey()
    {
        var input = Inputs.Valid().WithSecrets();
        input.SigningKeyAction = SigningKeyAction.Import;
        input.PrivateKeyPem = SigningKeys.RsaPkcs8Pem;
        var created = await app.CreateTenant(input);
        app.Clock.Advance(TimeSpan.FromHours(1));
        app.Protector.ClearReceivedCalls();
        return created.Id;
    }

    private Task Update(Guid id, TenantInput input) => app.Send(new UpdateTenantCommand(id, input));

    [Fact]
    public async Task Update_ChangesTheSettingsAndTheUpdatedTime()
    {
        var id = (await app.CreateTenant()).Id;
        app.Clock.Advance(TimeSpan.FromHours(1));
        var input = Inputs.Valid(orgId: "acme-renamed", name: "Acme Renamed");
        input.EpicFhirBaseUrl = "https://fhir2.acme.org/api/FHIR/R4/";
        input.AdmittancePolicy = PatientAdmittancePolicy.HostAdmitsFromWaitingRoom;

        await Update(id, input);

        var tenant = app.StoredTenant(id);
        Assert.Equal(("Acme Renamed", "acme-renamed"), (tenant.Name, tenant.OrgId));
        Assert.Equal("https://fhir2.acme.org/api/FHIR/R4", tenant.Epic.FhirBaseUrl);
        Assert.Equal(PatientAdmittancePolicy.HostAdmitsFromWaitingRoom, tenant.AdmittancePolicy);
        Assert.Equal(app.Clock.UtcNow.AddHours(-1), tenant.CreatedAtUtc);
        Assert.Equal(app.Clock.UtcNow, tenant.UpdatedAtUtc);
    }

    [Fact]
    public async Task Update_WhenSecretInputsAreEmpty_KeepsTheStoredSecretsAndKey()
    {
        var id = await CreateWithSecretsAndKey();
        var before = app.StoredTenant(id);
        var input = Inputs.Valid();
        input.ZoomClientSecret = "";

        await Update(id, input);

        var after = app.StoredTenant(id);
        Assert.All(Enum.GetValues<TenantSecret>(), s => Assert.Equal(before.GetProtectedSecret(s), after.GetProtectedSecret(s)));
        Assert.Equal(before.SigningKey, after.SigningKey);
        app.Protector.DidNotReceiveWithAnyArgs().Protect(default!);
    }

    [Fact]
    public async Task Update_WhenASecretIsGiven_ReplacesOnlyThatSecret()
    {
        var id = await CreateWithSecretsAndKey();
        var input = Inputs.Valid();
        input.EpicClientSecret = "epic-client-NEW";

        await Update(id, input);

        var tenant = app.StoredTenant(id);
        app.Protector.Received(1).Protect("epic-client-NEW");
        Assert.Equal(TestApp.Protected("epic-client-NEW"), tenant.EpicClientSecretProtected);
        Assert.Equal(TestApp.Protected("zoom-client-PLAIN"), tenant.ZoomClientSecretProtected);
    }

    [Fact]
    public async Task Update_RemovesTheSecretsListedInSecretsToRemove()
    {
        var id = await CreateWithSecretsAndKey();
        var input = Inputs.Valid();
        input.SecretsToRemove = [TenantSecret.ZoomClientSecret, TenantSecret.TelehealthBasicPassword, TenantSecret.ZoomClientSecret];

        await Update(id, input);

        var tenant = app.StoredTenant(id);
        Assert.False(tenant.HasSecret(TenantSecret.ZoomClientSecret));
        Assert.False(tenant.HasSecret(TenantSecret.TelehealthBasicPassword));
        Assert.True(tenant.HasSecret(TenantSecret.ZoomWebhookSecretToken));
        Assert.True(tenant.HasSecret(TenantSecret.EpicClientSecret));
        Assert.True(tenant.HasSecret(TenantSecret.EpicPrivateKey));
        Assert.Equal("ZoomClientSecret removed; TelehealthBasicPassword removed", LastAudit().Summary);
    }

    [Fact]
    public async Task Update_WhenKeyActionIsRemove_RemovesBothHalvesOfTheKey()
    {
        var id = await CreateWithSecretsAndKey();
        var input = Inputs.Valid();
        input.SigningKeyAction = SigningKeyAction.Remove;

        await Update(id, input);

        var tenant = app.StoredTenant(id);
        Assert.Null(tenant.SigningKey);
        Assert.False(tenant.HasSecret(TenantSecret.EpicPrivateKey));
        Assert.Equal("SigningKey removed", LastAudit().Summary);
    }

    [Fact]
    public async Task Update_WhenFieldsChange_AuditsTheirNamesButNotTheirValues()
    {
        var id = (await app.CreateTenant()).Id;
        var input = Inputs.Valid(name: "Acme Renamed");
        input.EpicClientId = "epic-client-2";
        input.TelehealthBasicPassword = "basic-password-PLAIN";

        await Update(id, input);

        var entry = LastAudit();
        Assert.Equal(("alice", "TenantUpdated", "acme-health"), (entry.Actor, entry.Action, entry.EntityId));
        Assert.Equal("Name changed; Epic changed; TelehealthBasicPassword replaced", entry.Summary);
        Assert.DoesNotContain("Renamed", entry.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("epic-client-2", entry.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("PLAIN", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_WhenNothingChanges_AuditsNoChanges()
    {
        var id = (await app.CreateTenant()).Id;

        await Update(id, Inputs.Valid());

        Assert.Equal("no changes", LastAudit().Summary);
        Assert.Equal(2, app.StoredAudit().Count);
    }

    [Fact]
    public async Task Update_WhenOrgIdBelongsToAnotherTenant_FailsOnInputOrgIdAndSavesNothing()
    {
        await app.CreateTenant(Inputs.Valid(orgId: "other-org", name: "Other"));
        var id = (await app.CreateTenant()).Id;

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Update(id, Inputs.Valid(orgId: "other-org", name: "Changed")));

        Assert.Equal(["Input.OrgId"], ex.Errors.Keys);
        Assert.Equal(("Acme Health", "acme-health"), (app.StoredTenant(id).Name, app.StoredTenant(id).OrgId));
        Assert.Equal(2, app.StoredAudit().Count);
    }

    [Fact]
    public async Task Update_WhenTenantDoesNotExist_IsNotFound()
    {
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => Update(Guid.NewGuid(), Inputs.Valid()));

        Assert.Equal("Tenant", ex.Entity);
        Assert.Empty(app.StoredAudit());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Update_WhenOrgIdIsEmpty_FailsOnInputOrgIdAndSavesNothing(string? orgId)
    {
        var id = (await app.CreateTenant()).Id;

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Update(id, Inputs.Valid(orgId: orgId, name: "Changed")));

        Assert.Equal(["Input.OrgId"], ex.Errors.Keys);
        Assert.Equal("Acme Health", app.StoredTenant(id).Name);
    }

    private Domain.Audit.AuditEntry LastAudit() => app.StoredAudit().Where(a => a.Action == "TenantUpdated").OrderBy(a => a.AtUtc).Last();

    public void Dispose() => app.Dispose();
}
