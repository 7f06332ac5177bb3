using System.Net;
using System.Net.Http.Headers;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Zoom;

public sealed class ZoomOAuthTests
{
    [Fact]
    public async Task Token_WithAccountCredentials_ReturnsBearerTokenAndApiUrl()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await ZoomApi.RequestTokenAsync(host);
        var token = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Equal("bearer", token.Str("token_type"));
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
        Assert.Contains("meeting:write:admin", token.Str("scope"));
        Assert.Equal(SandboxDefaults.ZoomApiBase(host.BaseUrl), token.Str("api_url") + "/v2");
    }

    [Theory]
    [InlineData(SandboxDefaults.ZoomAccountId, SandboxDefaults.ZoomClientId, "wrong-secret")]
    [InlineData(SandboxDefaults.ZoomAccountId, "other-client", SandboxDefaults.ZoomClientSecret)]
    [InlineData("other-account", SandboxDefaults.ZoomClientId, SandboxDefaults.ZoomClientSecret)]
    public async Task Token_WithWrongCredentials_Is401InvalidClient(string accountId, string clientId, string secret)
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await ZoomApi.RequestTokenAsync(host, accountId, clientId, secret);
        var error = await response.JsonAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("invalid_client", error.Str("error"));
        Assert.False(string.IsNullOrEmpty(error.Str("reason")));
    }

    [Fact]
    public async Task Token_WithOtherGrantType_Is400UnsupportedGrantType()
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/zoom/oauth/token?grant_type=client_credentials&account_id=" + SandboxDefaults.ZoomAccountId);
        request.Headers.Authorization = SandboxHost.Basic(SandboxDefaults.ZoomClientId, SandboxDefaults.ZoomClientSecret);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal("unsupported_grant_type", (await response.JsonAsync(HttpStatusCode.BadRequest)).Str("error"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Api_WithoutValidBearer_Is401Code124(string? token)
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox/zoom/v2/users/someone");
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);

        using var response = await host.Client.SendAsync(request);
        var error = await response.JsonAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(124, error.GetProperty("code").GetInt32());
        Assert.Equal("Invalid access token", error.Str("message"));
    }

    [Fact]
    public async Task Token_AfterExpiry_IsRefused()
    {
        var time = FakeClock.StartingNow();
        await using var host = await SandboxHost.StartAsync(time: time);
        var zoom = new ZoomApi(host);
        await zoom.CreateUserAsync("first@sandbox-hospital.example");
        time.Advance(TimeSpan.FromHours(1));

        using var response = await zoom.SendAsync(HttpMethod.Get, "/users/first@sandbox-hospital.example");

        Assert.Equal(124, (await response.JsonAsync(HttpStatusCode.Unauthorized)).GetProperty("code").GetInt32());
    }
}
