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

        foreach (var name in new[] { "Telehealth base URL answers", "Epic backend token obtainable", "Zoom token obtainable", "Zoom meeting settings unlocked", "FDI records consistent", "SMS provider accepts the credentials", "E-mail server accepts the sign-in" })
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
    [Fact]
    public async Task AClosedPort_IsReportedAsConnectionRefused_NotAnExceptionName()
    {
        var port = ClosedLoopbackPort();
        var (id, _) = await sandbox.CreateTenantAsync(t => t.EpicTelehealthBaseUrl = $"http://127.0.0.1:{port}/telehealth");

        var checks = await sandbox.SendAsAdminAsync(new RunTroubleshootingQuery(id));

        var telehealth = checks.Single(c => c.Name == "Telehealth base URL answers");
        Assert.False(telehealth.Passed);
        Assert.Contains($"127.0.0.1:{port} refused the connection", telehealth.Detail);
        Assert.DoesNotContain("HttpRequestException", telehealth.Detail);
        Assert.Contains("port in the Epic telehealth base URL", telehealth.Fix);
    }

    [Fact]
    public async Task AnUnresolvableHost_IsReportedAsDnsNameNotFound()
    {
        var (id, _) = await sandbox.CreateTenantAsync(t => t.ZoomOAuthBaseUrl = "https://zoom-oauth.epiczoom.invalid");

        var checks = await sandbox.SendAsAdminAsync(new RunTroubleshootingQuery(id));

        var zoom = checks.Single(c => c.Name == "Zoom token obtainable");
        Assert.False(zoom.Passed);
        Assert.Contains("The name zoom-oauth.epiczoom.invalid was not found in DNS", zoom.Detail);
        Assert.Contains("nslookup zoom-oauth.epiczoom.invalid", zoom.Fix);
        Assert.DoesNotContain("Exception", zoom.Detail);
    }

    [Fact]
    public async Task AWrongEpicSecret_ShowsEpicsErrorDescription_AndTheCredentialsFix()
    {
        var (id, _) = await sandbox.CreateTenantAsync(t => t.EpicClientSecret = "not-the-epic-secret");

        var checks = await sandbox.SendAsAdminAsync(new RunTroubleshootingQuery(id));

        var epic = checks.Single(c => c.Name == "Epic backend token obtainable");
        Assert.False(epic.Passed);
        Assert.Contains("Epic did not accept the credentials", epic.Detail);
        Assert.Contains("invalid_client", epic.Detail);
        Assert.DoesNotContain("not-the-epic-secret", epic.Detail);
        Assert.Contains("JWKS URL", epic.Fix);
    }

    [Fact]
    public async Task AForbiddenZoomToken_IsReportedAsAcceptedButNotAllowed()
    {
        var (id, _) = await sandbox.CreateTenantAsync(_ => { });
        await sandbox.InjectFaultAsync("zoom", new { endpoint = "settings", statusCode = 403 });
        try
        {
            var checks = await sandbox.SendAsAdminAsync(new RunTroubleshootingQuery(id));

            var zoom = checks.Single(c => c.Name == "Zoom token obtainable");
            Assert.False(zoom.Passed);
            Assert.Contains("Zoom accepted the credentials but does not allow this call", zoom.Detail);
            Assert.Contains("HTTP 403", zoom.Detail);
            Assert.Contains("scopes", zoom.Fix);
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }
    }

    /// <summary>A loopback port nobody listens on: bound, read, and released.</summary>
    private static int ClosedLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
