using EpicZoom.Application.Tenants.RunTroubleshooting;
using EpicZoom.Web.Tests.Launch;

namespace EpicZoom.Web.Tests.Visits;

public sealed class TroubleshootingTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    [Fact]
    public async Task SandboxTenant_PassesTheConnectionChecks()
    {
        var tenantId = await sandbox.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Tenants, t => t.OrgId == "sandbox"));

        var checks = await sandbox.SendAsAdminAsync(new RunTroubleshootingQuery(tenantId.Id.Value));

        foreach (var name in new[] { "Telehealth base URL answers", "Epic backend token obtainable", "Zoom token obtainable", "Zoom meeting settings unlocked", "FDI records consistent", "SMS provider accepts the credentials" })
            Assert.True(checks.Single(c => c.Name == name).Passed, $"{name}: {checks.Single(c => c.Name == name).Detail}");
    }

    [Fact]
    public async Task WrongSmsToken_FailsTheSmsCheck_WithAFixNamingTheInboundWebhook()
    {
        var (id, orgId) = await sandbox.CreateTenantAsync(t => t.SmsAuthToken = "not-the-token");

        var checks = await sandbox.SendAsAdminAsync(new RunTroubleshootingQuery(id));

        var sms = checks.Single(c => c.Name == "SMS provider accepts the credentials");
        Assert.False(sms.Passed);
        Assert.Contains("401", sms.Detail);
        Assert.Contains($"/sms/inbound/{orgId}", sms.Fix);
    }

    [Fact]
    public async Task WrongZoomSecret_FailsTheZoomCheck_WithAFix()
    {
        var (id, _) = await sandbox.CreateTenantAsync(t => t.ZoomClientSecret = "not-the-secret");

        var checks = await sandbox.SendAsAdminAsync(new RunTroubleshootingQuery(id));

        var zoom = checks.Single(c => c.Name == "Zoom token obtainable");
        Assert.False(zoom.Passed);
        Assert.Contains("client secret", zoom.Fix);
        Assert.False(checks.Single(c => c.Name == "Zoom meeting settings unlocked").Passed);
    }

    [Fact]
    public async Task LockedWaitingRoom_FailsTheSettingsCheck()
    {
        await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/accounts/{EpicZoom.Sandbox.SandboxDefaults.ZoomAccountId}/lock-settings",
            new { joinBeforeHostLocked = false, waitingRoomLocked = true });
        try
        {
            var tenant = await sandbox.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Tenants, t => t.OrgId == "sandbox"));
            var checks = await sandbox.SendAsAdminAsync(new RunTroubleshootingQuery(tenant.Id.Value));

            var settings = checks.Single(c => c.Name == "Zoom meeting settings unlocked");
            Assert.False(settings.Passed);
            Assert.Contains("waiting room", settings.Detail);
        }
        finally
        {
            await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/accounts/{EpicZoom.Sandbox.SandboxDefaults.ZoomAccountId}/lock-settings",
                new { joinBeforeHostLocked = false, waitingRoomLocked = false });
        }
    }

    [Fact]
    public async Task ANonAsciiHost_FailsTheHostsCheck_ShowingItInPunycode()
    {
        var (id, _) = await sandbox.CreateTenantAsync(t => t.DeviceTestEndpointUrl = "https://z\u043Eom.example/test"); // Cyrillic о

        var checks = await sandbox.SendAsAdminAsync(new RunTroubleshootingQuery(id));

        var hosts = checks.Single(c => c.Name == "Hosts are plain ASCII");
        Assert.False(hosts.Passed);
        Assert.Contains(new System.Globalization.IdnMapping().GetAscii("z\u043Eom.example"), hosts.Detail);
    }

    [Fact]
    public async Task SandboxTenant_PassesTheHostsCheck()
    {
        var tenant = await sandbox.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Tenants, t => t.OrgId == "sandbox"));

        var checks = await sandbox.SendAsAdminAsync(new RunTroubleshootingQuery(tenant.Id.Value));

        Assert.True(checks.Single(c => c.Name == "Hosts are plain ASCII").Passed);
    }
}
