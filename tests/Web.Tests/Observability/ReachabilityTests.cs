using System.Net;
using System.Text.Json;
using EpicZoom.Application.Dashboard.GetDashboard;
using EpicZoom.Application.Monitoring.CheckTenantReachability;
using EpicZoom.TestSupport;
using EpicZoom.Web.Tests.Launch;
using EpicZoom.Web.Tests.Webhooks;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests.Observability;

/// <summary>Each tenant's Epic and Zoom, probed in the background: a chip on the dashboard, and a degraded (still 200) readiness.</summary>
public sealed class ReachabilityTests : IDisposable
{
    private readonly SandboxedApp sandbox = new(new Dictionary<string, string?> { ["Health:TenantProbes"] = "true" });

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task TheBackgroundProbe_FindsTheSandboxTenantReachable_WithoutAnyRequestAskingForIt()
    {
        var dashboard = await WebhookTestKit.EventuallyAsync(() => sandbox.SendAsAdminAsync(new GetDashboardQuery()), d => d.Reachability.Count > 0,
            "the first background probe");
        var reach = Assert.Single(dashboard.Reachability);
        Assert.True(reach.AllReachable, $"{reach.EpicProblem} {reach.ZoomProblem}");
        Assert.Equal("Healthy", await ReadyCheckAsync("tenants"));
    }

    [Fact]
    public async Task EpicAnswering503_ShowsOnTheDashboardChip_AndMakesReadinessDegradedButStill200()
    {
        await sandbox.InjectFaultAsync("epic", new { endpoint = "discovery", statusCode = 503, failNext = 1000 });
        await sandbox.App.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new CheckTenantReachabilityCommand()));

        var reach = Assert.Single((await sandbox.SendAsAdminAsync(new GetDashboardQuery())).Reachability);
        Assert.False(reach.AllReachable);
        Assert.Equal("HTTP 503", reach.EpicProblem);
        Assert.Null(reach.ZoomProblem);

        var ready = await sandbox.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var doc = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", doc.RootElement.GetProperty("status").GetString());
        var tenants = doc.RootElement.GetProperty("checks").GetProperty("tenants");
        Assert.Equal("Degraded", tenants.GetProperty("status").GetString());
        Assert.Contains("Epic: HTTP 503", tenants.GetRawText());
        Assert.DoesNotContain("http://", tenants.GetRawText());

        await sandbox.ClearFaultsAsync();
        await sandbox.App.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new CheckTenantReachabilityCommand()));
        Assert.True(Assert.Single((await sandbox.SendAsAdminAsync(new GetDashboardQuery())).Reachability).AllReachable);
    }

    private async Task<string?> ReadyCheckAsync(string name)
    {
        using var doc = JsonDocument.Parse(await sandbox.Http.GetStringAsync("/health/ready"));
        return doc.RootElement.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();
    }
}
