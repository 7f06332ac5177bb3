using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Epic;

public sealed class TelehealthTests
{
    private const string StatusPath = "/sandbox/epic/api/epic/2018/Telehealth/ContextLinking/SetExternalConnectionStatus";

    [Fact]
    public async Task ConnectionStatus_WithBasicEmpCredentials_Is200AndRecorded()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await SendStatusAsync(host, "4242", SandboxHost.Basic("emp$" + SandboxDefaults.EpicBasicUser, SandboxDefaults.EpicBasicPassword));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = Assert.Single((await host.Client.JsonAsync("/sandbox/epic/_test/status-reports?csn=4242")).EnumerateArray());
        Assert.Equal(("4242", "EMP1", "2", "1", "EpicZoom", 200),
            (report.Str("conferenceId"), report.Str("externalId"), report.Str("externalIdType"), report.Str("connectionStatus"), report.Str("vendorName"), report.GetProperty("statusCode").GetInt32()));
    }

    [Fact]
    public async Task ConnectionStatus_WithBackendBearerToken_Is200()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        using var tokenResponse = await flow.BackendTokenAsync(flow.Assertion());
        var token = await tokenResponse.JsonAsync(HttpStatusCode.OK);

        using var response = await SendStatusAsync(host, "4243", new AuthenticationHeaderValue("Bearer", token.Str("access_token")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ConnectionStatus_WithoutEpicClientId_IsRejectedAndRecorded()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await SendStatusAsync(host, "4244", SandboxHost.Basic("emp$" + SandboxDefaults.EpicBasicUser, SandboxDefaults.EpicBasicPassword), clientId: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var report = Assert.Single((await host.Client.JsonAsync("/sandbox/epic/_test/status-reports?csn=4244")).EnumerateArray());
        Assert.Equal(400, report.GetProperty("statusCode").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-password")]
    [InlineData("no-emp-prefix")]
    public async Task ConnectionStatus_WithoutValidCredentials_Is401AndRecorded(string? password)
    {
        await using var host = await SandboxHost.StartAsync();
        var auth = password switch
        {
            null => null,
            "no-emp-prefix" => SandboxHost.Basic(SandboxDefaults.EpicBasicUser, SandboxDefaults.EpicBasicPassword),
            _ => SandboxHost.Basic("emp$" + SandboxDefaults.EpicBasicUser, password),
        };

        using var response = await SendStatusAsync(host, "4245", auth);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var report = Assert.Single((await host.Client.JsonAsync("/sandbox/epic/_test/status-reports?csn=4245")).EnumerateArray());
        Assert.Equal(401, report.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task DeviceTestResult_IsAcceptedAndRecordedWithItsBody()
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/epic/api/epic/2020/Telehealth/DeviceTest/SetDeviceTestResult")
        {
            Content = JsonContent.Create(new { csn = "9001", camera = "pass", microphone = "pass" }),
        };
        request.Headers.Add("Epic-Client-ID", SandboxDefaults.EpicClientId);
        request.Headers.Authorization = SandboxHost.Basic("emp$" + SandboxDefaults.EpicBasicUser, SandboxDefaults.EpicBasicPassword);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = Assert.Single((await host.Client.JsonAsync("/sandbox/epic/_test/device-test-reports")).EnumerateArray());
        Assert.Equal("pass", report.GetProperty("body").Str("camera"));
        Assert.Equal(200, report.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task Schedule_LightsOnlyFromAcceptedReports()
    {
        await using var host = await SandboxHost.StartAsync();
        var basic = SandboxHost.Basic("emp$" + SandboxDefaults.EpicBasicUser, SandboxDefaults.EpicBasicPassword);
        using var connected = await SendStatusAsync(host, "8080", basic, externalId: "ePROVIDER");
        using var rejected = await SendStatusAsync(host, "8080", null, externalId: "ePATIENT");

        var html = await host.Client.GetStringAsync("/sandbox/epic/schedule");

        Assert.Contains("ePROVIDER", html);
        Assert.Contains("light on", html);
        Assert.DoesNotContain("ePATIENT", html);
        Assert.Contains("http-equiv=\"refresh\"", html);
    }

    private static async Task<HttpResponseMessage> SendStatusAsync(
        SandboxHost host, string csn, AuthenticationHeaderValue? auth, string? clientId = SandboxDefaults.EpicClientId, string externalId = "EMP1")
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            $"{StatusPath}?ConferenceID={csn}&ExternalID={externalId}&ExternalIDType=2&VendorName=EpicZoom&ConnectionStatus=1");
        if (clientId is not null)
        {
            request.Headers.Add("Epic-Client-ID", clientId);
        }

        request.Headers.Authorization = auth;
        return await host.Client.SendAsync(request);
    }
}
