using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Tests.Tenants;

public class TenantTests
{
    [Fact]
    public void Create_WithValidSettings_SetsEveryFieldAndBothTimestamps()
    {
        var zoom = TenantFactory.Zoom();
        var epic = TenantFactory.Epic(oauth: "https://fhir.example.org/oauth2");
        var device = new DeviceTestSettings("https://test.zoom.us", "https://help.example.org");

        var tenant = Tenant.Create("  General Hospital ", "gh_01", EpicEnvironment.Production,
            PatientAdmittancePolicy.HostAdmitsFromWaitingRoom, zoom, epic, device, TenantFactory.Created);

        Assert.NotEqual(Guid.Empty, tenant.Id.Value);
        Assert.Equal("General Hospital", tenant.Name);
        Assert.Equal("gh_01", tenant.OrgId);
        Assert.Equal(EpicEnvironment.Production, tenant.Environment);
        Assert.Equal(PatientAdmittancePolicy.HostAdmitsFromWaitingRoom, tenant.AdmittancePolicy);
        Assert.Equal(zoom, tenant.Zoom);
        Assert.Equal(epic, tenant.Epic);
        Assert.Equal(device, tenant.DeviceTest);
        Assert.Null(tenant.SigningKey);
        Assert.Equal(TenantFactory.Created, tenant.CreatedAtUtc);
        Assert.Equal(TenantFactory.Created, tenant.UpdatedAtUtc);
    }

    [Fact]
    public void Create_GivesEachTenantItsOwnId()
    {
        Assert.NotEqual(TenantFactory.Create().Id, TenantFactory.Create().Id);
    }

    [Fact]
    public void Create_WhenUrlsEndInSlashes_StoresThemWithoutTrailingSlashes()
    {
        var tenant = TenantFactory.Create(
            zoom: TenantFactory.Zoom(oauth: "https://zoom.us/", api: "https://api.zoom.us/v2//"),
            epic: TenantFactory.Epic(fhir: "https://fhir.example.org/api/FHIR/R4/", telehealth: "https://fhir.example.org/",
                oauth: "https://fhir.example.org/oauth2/"));

        Assert.Equal("https://zoom.us", tenant.Zoom.OAuthBaseUrl);
        Assert.Equal("https://api.zoom.us/v2", tenant.Zoom.ApiBaseUrl);
        Assert.Equal("https://fhir.example.org/api/FHIR/R4", tenant.Epic.FhirBaseUrl);
        Assert.Equal("https://fhir.example.org", tenant.Epic.TelehealthBaseUrl);
        Assert.Equal("https://fhir.example.org/oauth2", tenant.Epic.OAuthBaseUrl);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WhenNameIsBlank_IsRejected(string name)
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() => TenantFactory.Create(name: name));
        Assert.Equal("TenantNameRequired", ex.Rule);
    }

    [Fact]
    public void Create_WhenNameIsLongerThan200Characters_IsRejected()
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() => TenantFactory.Create(name: new string('n', Tenant.MaxNameLength + 1)));
        Assert.Equal("TenantNameRequired", ex.Rule);
    }

    [Fact]
    public void Create_WhenNameIsExactly200Characters_IsAccepted()
    {
        Assert.Equal(Tenant.MaxNameLength, TenantFactory.Create(name: new string('n', Tenant.MaxNameLength)).Name.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("a/b/c")]
    [InlineData("kliniké")]
    public void Create_WhenOrgIdIsNotUrlSafe_IsRejected(string orgId)
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() => TenantFactory.Create(orgId: orgId));
        Assert.Equal("OrgIdUrlSafe", ex.Rule);
    }

    [Fact]
    public void Create_WhenOrgIdEndsInANewline_IsRejected()
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() => TenantFactory.Create(orgId: "acme\n"));
        Assert.Equal("OrgIdUrlSafe", ex.Rule);
    }

    public static TheoryData<string> UnacceptableUrls => new()
    {
        "/api/FHIR/R4",
        "fhir.example.org/api/FHIR/R4",
        "ftp://fhir.example.org/api/FHIR/R4",
        "http://fhir.example.org/api/FHIR/R4",
        "https://fhir.example.org/api/FHIR/R4?tenant=1",
        "https://fhir.example.org/api/FHIR/R4#r4",
        "https://user:pass@fhir.example.org/api/FHIR/R4",
    };

    [Theory]
    [MemberData(nameof(UnacceptableUrls))]
    public void Create_WhenFhirUrlIsUnacceptable_IsRejected(string url)
    {
        var ex = Assert.Throws<DomainRuleViolationException>(() => TenantFactory.Create(epic: TenantFactory.Epic(fhir: url)));
        Assert.Equal("TenantUrlsValid", ex.Rule);
        Assert.StartsWith("Epic FHIR base URL ", ex.Message);
    }

    [Theory]
    [MemberData(nameof(UnacceptableUrls))]
    public void Create_WhenAnyOtherUrlIsUnacceptable_IsRejected(string url)
    {
        Assert.Equal("TenantUrlsValid", Assert.Throws<DomainRuleViolationException>(() => TenantFactory.Create(epic: TenantFactory.Epic(telehealth: url))).Rule);
        Assert.Equal("TenantUrlsValid", Assert.Throws<DomainRuleViolationException>(() => TenantFactory.Create(epic: TenantFactory.Epic(oauth: url))).Rule);
        Assert.Equal("TenantUrlsValid", Assert.Throws<DomainRuleViolationException>(() => TenantFactory.Create(zoom: TenantFactory.Zoom(oauth: url))).Rule);
        Assert.Equal("TenantUrlsValid", Assert.Throws<DomainRuleViolationException>(() => TenantFactory.Create(zoom: TenantFactory.Zoom(api: url))).Rule);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/api/FHIR/R4")]
    [InlineData("http://localhost:5000/api/FHIR/R4")]
    public void Create_WhenHttpUrlIsLoopback_IsAccepted(string url)
    {
        Assert.Equal(url, TenantFactory.Create(epic: TenantFactory.Epic(fhir: url)).Epic.FhirBaseUrl);
    }

    [Fact]
    public void Update_WhenValid_ReplacesSettingsAndTouchesOnlyUpdatedAt()
    {
        var tenant = TenantFactory.Create();
        var id = tenant.Id;

        tenant.Update("Renamed", "renamed-org", EpicEnvironment.Production, PatientAdmittancePolicy.HostAdmitsFromWaitingRoom,
            TenantFactory.Zoom(), TenantFactory.Epic(fhir: "https://other.example.org/api/FHIR/R4/"), DeviceTestSettings.None, TenantFactory.Later);

        Assert.Equal(id, tenant.Id);
        Assert.Equal("Renamed", tenant.Name);
        Assert.Equal("renamed-org", tenant.OrgId);
        Assert.Equal("https://other.example.org/api/FHIR/R4", tenant.Epic.FhirBaseUrl);
        Assert.Equal(TenantFactory.Created, tenant.CreatedAtUtc);
        Assert.Equal(TenantFactory.Later, tenant.UpdatedAtUtc);
    }

    [Fact]
    public void Update_WhenFhirUrlIsRelative_IsRejectedAndLeavesTheTenantUnchanged()
    {
        var tenant = TenantFactory.Create();

        var ex = Assert.Throws<DomainRuleViolationException>(() => tenant.Update("Renamed", "renamed-org", EpicEnvironment.Test,
            PatientAdmittancePolicy.AutoAdmitWhenHostJoins, TenantFactory.Zoom(), TenantFactory.Epic(fhir: "api/FHIR/R4"),
            DeviceTestSettings.None, TenantFactory.Later));

        Assert.Equal("TenantUrlsValid", ex.Rule);
        Assert.Equal("General Hospital", tenant.Name);
        Assert.Equal("general-hospital", tenant.OrgId);
        Assert.Equal(TenantFactory.Created, tenant.UpdatedAtUtc);
    }
}
