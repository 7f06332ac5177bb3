using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.CreateTenant;
using EpicZoom.Application.Tenants.UpdateTenant;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Tenants;
using FluentValidation.Results;
using NSubstitute;

namespace EpicZoom.Application.Tests.Tenants;

/// <summary>Create and update wrap the input rules (errors prefixed "Input.") and add org_id uniqueness from the database.</summary>
public sealed class TenantCommandValidatorTests : IDisposable
{
    private readonly SqliteDb db = new();
    private readonly ISigningKeyService keys = Substitute.For<ISigningKeyService>();
    private readonly Tenant existing;

    public TenantCommandValidatorTests()
    {
        existing = Tenant.Create("Existing Clinic", "existing-org", EpicEnvironment.Test, PatientAdmittancePolicy.AutoAdmitWhenHostJoins,
            new ZoomSettings("a", "c", "x.example.org", ProviderUserType.Licensed, "https://zoom.us", "https://api.zoom.us/v2"),
            new EpicSettings("https://fhir.example.org/api/FHIR/R4", "https://fhir.example.org", null, "e", "EpicZoom",
                TelehealthAuthMode.BackendOAuthToken, null, EpicStatusCodes.Default, EpicSettings.DefaultDeviceTestReportPath),
            DeviceTestSettings.None, DateTime.UtcNow);
        using var context = db.NewContext();
        context.Tenants.Add(existing);
        context.SaveChanges();
    }

    private async Task<ValidationResult> ValidateCreate(TenantInput input)
    {
        await using var context = db.NewContext();
        return await new CreateTenantCommandValidator(keys, context).ValidateAsync(new CreateTenantCommand(input));
    }

    private async Task<ValidationResult> ValidateUpdate(Guid id, TenantInput input)
    {
        await using var context = db.NewContext();
        return await new UpdateTenantCommandValidator(keys, context).ValidateAsync(new UpdateTenantCommand(id, input));
    }

    private static string SingleErrorOn(ValidationResult result, string property)
    {
        Assert.Equal([property], result.Errors.Select(e => e.PropertyName).Distinct());
        return Assert.Single(result.Errors).ErrorMessage;
    }

    [Theory]
    [InlineData("new-org")]
    [InlineData(null)]
    public async Task CreateValidator_WhenInputIsValidAndOrgIdIsFree_Passes(string? orgId)
    {
        Assert.True((await ValidateCreate(Inputs.Valid(orgId: orgId))).IsValid);
    }

    [Theory]
    [InlineData(nameof(TenantInput.EpicFhirBaseUrl), "api/FHIR/R4")]
    [InlineData(nameof(TenantInput.ZoomUserEmailDomain), "alice@acme.org")]
    [InlineData(nameof(TenantInput.ProviderIdTypeCode), "x")]
    [InlineData(nameof(TenantInput.Name), "")]
    public async Task CreateValidator_WhenAnInputRuleFails_ReportsItUnderInput(string property, string value)
    {
        var input = Inputs.Valid();
        input.Set(property, value);

        SingleErrorOn(await ValidateCreate(input), $"Input.{property}");
    }

    [Fact]
    public async Task CreateValidator_WhenOrgIdIsTaken_FailsOnInputOrgId()
    {
        var message = SingleErrorOn(await ValidateCreate(Inputs.Valid(orgId: "existing-org")), "Input.OrgId");

        Assert.Equal("Another tenant already uses this org_id.", message);
    }

    [Fact]
    public async Task CreateValidator_WhenInputIsMissing_FailsOnInputWithoutThrowing()
    {
        await using var context = db.NewContext();

        var result = await new CreateTenantCommandValidator(keys, context).ValidateAsync(new CreateTenantCommand(null!));

        SingleErrorOn(result, "Input");
    }

    [Fact]
    public async Task UpdateValidator_WhenTheTenantKeepsItsOwnOrgId_Passes()
    {
        Assert.True((await ValidateUpdate(existing.Id.Value, Inputs.Valid(orgId: "existing-org"))).IsValid);
    }

    [Fact]
    public async Task UpdateValidator_WhenAnotherTenantUsesTheOrgId_FailsOnInputOrgId()
    {
        var message = SingleErrorOn(await ValidateUpdate(Guid.NewGuid(), Inputs.Valid(orgId: "existing-org")), "Input.OrgId");

        Assert.Equal("Another tenant already uses this org_id.", message);
    }

    [Theory]
    [InlineData(nameof(TenantInput.EpicTelehealthBaseUrl), "http://fhir.acme.org")]
    [InlineData(nameof(TenantInput.ZoomClientSecret), null)]
    public async Task UpdateValidator_WhenAnInputRuleFails_ReportsItUnderInput(string property, string? value)
    {
        var input = Inputs.Valid(orgId: "existing-org");
        input.Set(property, value ?? new string('s', TenantInputValidator.MaxSecretLength + 1));

        SingleErrorOn(await ValidateUpdate(existing.Id.Value, input), $"Input.{property}");
    }

    [Fact]
    public async Task UpdateValidator_WhenInputIsMissing_FailsOnInputWithoutThrowing()
    {
        await using var context = db.NewContext();

        var result = await new UpdateTenantCommandValidator(keys, context).ValidateAsync(new UpdateTenantCommand(existing.Id.Value, null!));

        SingleErrorOn(result, "Input");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task UpdateValidator_WhenOrgIdIsEmpty_FailsOnInputOrgId(string? orgId)
    {
        var message = SingleErrorOn(await ValidateUpdate(existing.Id.Value, Inputs.Valid(orgId: orgId)), "Input.OrgId");

        Assert.Equal("A saved tenant keeps an org_id; Epic's FDI records use it.", message);
    }

    public void Dispose() => db.Dispose();
}
