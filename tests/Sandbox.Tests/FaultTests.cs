using System.Net;
using System.Net.Http.Json;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task FailNextTwo_FailsTwiceThenPasses()
    {
        await using var host = await SandboxHost.StartAsync();
        await AddFaultAsync(host, "zoom", new { endpoint = "token", statusCode = 500, failNext = 2 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await ZoomApi.RequestTokenAsync(host);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], statuses);
        Assert.Empty((await host.Client.JsonAsync("/sandbox/zoom/_test/faults")).EnumerateArray());
    }

    [Fact]
    public async Task Fault429_CarriesZoomRateLimitHeaders()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        await AddFaultAsync(host, "zoom", new { endpoint = "/sandbox/zoom/v2/users", statusCode = 429 });

        using var response = await zoom.SendAsync(HttpMethod.Get, "/users/anyone");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        foreach (var header in new[] { "X-RateLimit-Category", "X-RateLimit-Type", "X-RateLimit-Limit", "X-RateLimit-Remaining" })
        {
            Assert.True(response.Headers.Contains(header), header);
        }

        Assert.Equal(429, (await response.JsonAsync(HttpStatusCode.TooManyRequests)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Faults_ClearedByDelete_StopFiring()
    {
        await using var host = await SandboxHost.StartAsync();
        await AddFaultAsync(host, "epic", new { endpoint = "discovery", statusCode = 503 });
        using var failing = await host.Client.GetAsync("/sandbox/epic/api/FHIR/R4/metadata");
        Assert.Single((await host.Client.JsonAsync("/sandbox/epic/_test/faults")).EnumerateArray());

        using var cleared = await host.Client.DeleteAsync("/sandbox/epic/_test/faults");
        using var passing = await host.Client.GetAsync("/sandbox/epic/api/FHIR/R4/metadata");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, passing.StatusCode);
    }

    [Fact]
    public async Task FaultByPathPrefix_LeavesOtherEndpointsAlone()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        await AddFaultAsync(host, "zoom", new { endpoint = "/sandbox/zoom/v2/rooms", statusCode = 500 });

        using var rooms = await zoom.SendAsync(HttpMethod.Get, "/rooms");
        using var settings = await zoom.SendAsync(HttpMethod.Get, "/accounts/me/settings");

        Assert.Equal(HttpStatusCode.InternalServerError, rooms.StatusCode);
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
    }

    [Fact]
    public async Task FaultOnTelehealth_IsRecordedWithTheStatusItAnswered()
    {
        await using var host = await SandboxHost.StartAsync();
        await AddFaultAsync(host, "epic", new { endpoint = "telehealth", statusCode = 500, failNext = 1 });
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            "/sandbox/epic/api/epic/2018/Telehealth/ContextLinking/SetExternalConnectionStatus?ConferenceID=66&ExternalID=E1&ExternalIDType=2&VendorName=V&ConnectionStatus=1");
        request.Headers.Add("Epic-Client-ID", SandboxDefaults.EpicClientId);
        request.Headers.Authorization = SandboxHost.Basic("emp$" + SandboxDefaults.EpicBasicUser, SandboxDefaults.EpicBasicPassword);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var report = Assert.Single((await host.Client.JsonAsync("/sandbox/epic/_test/status-reports?csn=66")).EnumerateArray());
        Assert.Equal(500, report.GetProperty("statusCode").GetInt32());
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 5)]
    public async Task FaultWithRatio_FiresThatShareOfRequests(double ratio, int expectedFailures)
    {
        await using var host = await SandboxHost.StartAsync();
        await AddFaultAsync(host, "epic", new { endpoint = "discovery", statusCode = 500, failRatio = ratio });

        var failures = 0;
        for (var i = 0; i < 5; i++)
        {
            using var response = await host.Client.GetAsync("/sandbox/epic/api/FHIR/R4/metadata");
            failures += response.StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        Assert.Equal(expectedFailures, failures);
    }

    [Fact]
    public async Task FaultWithoutEndpoint_IsRefused()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.PostAsJsonAsync("/sandbox/zoom/_test/faults", new { statusCode = 500 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task AddFaultAsync(SandboxHost host, string simulator, object fault)
    {
        using var response = await host.Client.PostAsJsonAsync($"/sandbox/{simulator}/_test/faults", fault);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
