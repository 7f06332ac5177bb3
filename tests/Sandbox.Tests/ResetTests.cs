using System.Net;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests;

public sealed class ResetTests
{
    [Fact]
    public async Task EpicReset_ForgetsLaunchesReportsAndFaultsButKeepsTheConfiguredClient()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        var launch = await flow.LaunchAsync();
        using var fault = await host.Client.PostAsync("/sandbox/epic/_test/faults", System.Net.Http.Json.JsonContent.Create(new { endpoint = "fhir", statusCode = 500 }));

        using var reset = await host.Client.PostAsync("/sandbox/epic/_test/reset", null);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        using var refused = await flow.AuthorizeAsync(launch);
        Assert.Equal("invalid_request", SmartFlow.Query(refused.Headers.Location!)["error"]);
        Assert.Empty((await host.Client.JsonAsync("/sandbox/epic/_test/faults")).EnumerateArray());
        using var token = await flow.TokenWithSecretAsync(await flow.CodeAsync(await flow.LaunchAsync()));
        await token.JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ZoomReset_ForgetsUsersMeetingsAndTokens()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync();

        using var reset = await host.Client.PostAsync("/sandbox/zoom/_test/reset", null);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        using var staleToken = await zoom.SendAsync(HttpMethod.Get, "/users/" + user.Str("id"));
        Assert.Equal(HttpStatusCode.Unauthorized, staleToken.StatusCode);
        var fresh = new ZoomApi(host);
        using var userAfter = await fresh.SendAsync(HttpMethod.Get, "/users/" + user.Str("id"));
        using var meetingAfter = await fresh.SendAsync(HttpMethod.Get, $"/meetings/{meeting.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.NotFound, userAfter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, meetingAfter.StatusCode);
        Assert.Empty((await host.Client.JsonAsync("/sandbox/zoom/_test/meetings")).EnumerateArray());
    }
}
