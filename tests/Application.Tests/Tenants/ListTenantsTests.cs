using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Tenants.ListTenants;
using EpicZoom.Application.Tests.Support;

namespace EpicZoom.Application.Tests.Tenants;

public sealed class ListTenantsTests : IDisposable
{
    private readonly TestApp app = new();

    private async Task SeedThree()
    {
        await app.CreateTenant(Inputs.Valid(orgId: "zz-acme", name: "Acme Health").WithSecrets());
        await app.CreateTenant(Inputs.Valid(orgId: "beta-01", name: "Beta Clinic"));
        await app.CreateTenant(Inputs.Valid(orgId: "GAMMA-Org", name: "Gamma"));
    }

    private async Task<string[]> Names(string? search) =>
        (await app.Send(new ListTenantsQuery(search))).Select(t => t.Name).ToArray();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task List_WithoutSearch_ReturnsEveryTenantByName(string? search)
    {
        await SeedThree();

        Assert.Equal(["Acme Health", "Beta Clinic", "Gamma"], await Names(search));
    }

    [Theory]
    [InlineData("acme", "Acme Health")]
    [InlineData("ACME HEALTH", "Acme Health")]
    [InlineData("clinic", "Beta Clinic")]
    [InlineData("BETA-0", "Beta Clinic")]
    [InlineData("gamma-org", "Gamma")]
    [InlineData("  zz-A ", "Acme Health")]
    public async Task List_WithSearch_MatchesNameOrOrgIdIgnoringCase(string search, string expected)
    {
        await SeedThree();

        Assert.Equal([expected], await Names(search));
    }

    [Fact]
    public async Task List_WhenNothingMatches_IsEmpty()
    {
        await SeedThree();

        Assert.Empty(await Names("delta"));
    }

    [Fact]
    public async Task List_GivesEachTenantsIdentityAndWarningCount()
    {
        await SeedThree();

        var acme = (await app.Send(new ListTenantsQuery("acme"))).Single();

        var stored = app.StoredTenants().Single(t => t.OrgId == "zz-acme");
        Assert.Equal(new TenantSummaryDto(stored.Id.Value, "Acme Health", "zz-acme", stored.Environment,
            stored.ConfigurationWarnings().Count, app.Clock.UtcNow), acme);
        Assert.Equal(1, acme.WarningCount);
    }

    [Fact]
    public async Task List_WhenSearchIsLongerThan200Characters_IsRejected()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => app.Send(new ListTenantsQuery(new string('a', 201))));

        Assert.Equal(["Search"], ex.Errors.Keys);
    }

    public void Dispose() => app.Dispose();
}
