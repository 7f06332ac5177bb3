using System.Net;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests;

public sealed class SandboxModeTests
{
    private static readonly Dictionary<string, string?> SandboxOn = new() { ["Sandbox:Enabled"] = "true", ["App:PublicBaseUrl"] = "http://localhost" };

    [Theory]
    [InlineData("/sandbox/epic/")]
    [InlineData("/sandbox/epic/launch?type=provider")]
    [InlineData("/sandbox/epic/api/FHIR/R4/.well-known/smart-configuration")]
    [InlineData("/sandbox/zoom/v2/users/me")]
    public async Task SandboxOff_TheSimulatorsDoNotAnswerAtAll(string path)
    {
        using var app = new EpicZoomApp();

        var response = await app.CreateBrowserlessClient().GetAsync(path);

        // Not mapped: an anonymous caller meets the same sign-in wall as any unknown admin path, never a simulator.
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"{path}: {response.StatusCode}");
        Assert.DoesNotContain("/sandbox/", response.Headers.Location?.OriginalString ?? "");
        var admin = await app.SignedInAdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task SandboxOn_SeedsAReadyTenant_AndShowsTheBannerOnThePortal()
    {
        using var app = new EpicZoomApp(SandboxOn);
        var admin = await app.SignedInAdminAsync();

        var list = await admin.GetStringAsync("/api/admin/tenants?search=sandbox");
        var page = await admin.GetStringAsync("/tenants");

        Assert.Contains("\"orgId\":\"sandbox\"", list);
        Assert.Contains("Sandbox Health", page);
        Assert.Contains("data-testid=\"sandbox-banner\"", page);
        Assert.Contains("SANDBOX", page);
        var jwks = await app.CreateBrowserlessClient().GetStringAsync("/jwks/sandbox");
        Assert.Contains("RS384", jwks);
    }

    [Fact]
    public async Task SandboxOn_LaunchSimulator_SendsEpicsRedirectToTheTenantsFdiUrl()
    {
        using var app = new EpicZoomApp(SandboxOn);

        var response = await app.CreateBrowserlessClient().GetAsync("/sandbox/epic/launch?org_id=sandbox&type=patient&csn=123456");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("http://localhost/epicfhir/patientlaunch?org_id=sandbox&", location);
        Assert.Contains("iss=http%3A%2F%2Flocalhost%2Fsandbox%2Fepic%2Fapi%2FFHIR%2FR4", location);
        Assert.Matches("launch=[A-Za-z0-9_-]{20,}", location);
    }

    [Fact]
    public async Task SandboxTenant_DeletedByAnAdmin_IsNotSeededAgainAtTheNextStart()
    {
        using var first = new EpicZoomApp(SandboxOn);
        var admin = await first.SignedInAdminAsync();
        var id = await SandboxTenantIdAsync(first);
        (await admin.DeleteAsync($"/api/admin/tenants/{id}")).EnsureSuccessStatusCode();

        // A second start on the same data folder (the first keeps it alive: disposing it deletes the folder).
        using var restarted = new EpicZoomApp(new Dictionary<string, string?>(SandboxOn) { ["App:DataPath"] = first.DataPath });
        _ = restarted.Services;
        await using var scope = restarted.Services.CreateAsyncScope();

        Assert.False(await scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.AppDbContext>().Tenants.AnyAsync());
    }

    private static async Task<Guid> SandboxTenantIdAsync(EpicZoomApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.AppDbContext>().Tenants.SingleAsync(t => t.OrgId == "sandbox");
        return tenant.Id.Value;
    }
}
