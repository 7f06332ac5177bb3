using System.Net;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Epic;

public sealed class AuthorizeTests
{
    [Fact]
    public async Task Authorize_WithValidLaunch_RedirectsWithCodeAndState()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.AuthorizeAsync(await flow.LaunchAsync());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(host.RedirectUri + "?", response.Headers.Location!.ToString());
        var query = SmartFlow.Query(response.Headers.Location!);
        Assert.Equal(SmartFlow.State, query["state"]);
        Assert.False(string.IsNullOrEmpty(query["code"]));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("plain", "plain")]
    [InlineData(null, "S256")]
    public async Task Authorize_WithoutS256Pkce_RedirectsWithInvalidRequest(string? challenge, string? method)
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        var launch = await flow.LaunchAsync();

        using var response = await flow.AuthorizeAsync(launch, new Dictionary<string, string?>
        {
            ["code_challenge"] = challenge == "plain" ? flow.Verifier : challenge,
            ["code_challenge_method"] = method,
        });

        AssertRedirectError(response, "invalid_request");
    }

    [Fact]
    public async Task Authorize_WithWrongAud_RedirectsWithInvalidRequest()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.AuthorizeAsync(await flow.LaunchAsync(), new Dictionary<string, string?> { ["aud"] = "https://evil.example/fhir" });

        AssertRedirectError(response, "invalid_request");
    }

    [Fact]
    public async Task Authorize_WithoutLaunchScope_RedirectsWithInvalidScope()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.AuthorizeAsync(await flow.LaunchAsync(), new Dictionary<string, string?> { ["scope"] = "openid fhirUser" });

        AssertRedirectError(response, "invalid_scope");
    }

    [Fact]
    public async Task Authorize_WithReusedLaunchToken_RedirectsWithInvalidRequest()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        var launch = await flow.LaunchAsync();
        await flow.CodeAsync(launch);

        using var response = await flow.AuthorizeAsync(launch);

        AssertRedirectError(response, "invalid_request");
    }

    [Fact]
    public async Task Authorize_RefusedForAnotherReason_LeavesLaunchTokenUsable()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        var launch = await flow.LaunchAsync();
        using var refused = await flow.AuthorizeAsync(launch, new Dictionary<string, string?> { ["aud"] = "https://evil.example/fhir" });

        Assert.False(string.IsNullOrEmpty(await flow.CodeAsync(launch)));
    }

    [Fact]
    public async Task Authorize_WithExpiredLaunchToken_RedirectsWithInvalidRequest()
    {
        var time = FakeClock.StartingNow();
        await using var host = await SandboxHost.StartAsync(time: time);
        var flow = new SmartFlow(host);
        var launch = await flow.LaunchAsync();
        time.Advance(TimeSpan.FromMinutes(6));

        using var response = await flow.AuthorizeAsync(launch);

        AssertRedirectError(response, "invalid_request");
    }

    [Theory]
    [InlineData("client_id", "unknown-client")]
    [InlineData("redirect_uri", "https://evil.example/callback")]
    public async Task Authorize_WithUnknownClientOrRedirect_ShowsErrorPageInsteadOfRedirecting(string parameter, string value)
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.AuthorizeAsync(await flow.LaunchAsync(), new Dictionary<string, string?> { [parameter] = value });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Authorize_AsFormPost_IsAccepted()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        var launch = await flow.LaunchAsync();

        using var response = await host.Client.PostAsync("/sandbox/epic/oauth2/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = SandboxDefaults.EpicClientId,
            ["redirect_uri"] = host.RedirectUri,
            ["scope"] = "launch openid fhirUser",
            ["launch"] = launch,
            ["aud"] = host.FhirBase,
            ["state"] = "s",
            ["code_challenge"] = flow.Challenge,
            ["code_challenge_method"] = "S256",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("code", SmartFlow.Query(response.Headers.Location!).Keys);
    }

    private static void AssertRedirectError(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = SmartFlow.Query(response.Headers.Location!);
        Assert.Equal(error, query["error"]);
        Assert.False(string.IsNullOrEmpty(query["error_description"]));
        Assert.Equal(SmartFlow.State, query["state"]);
        Assert.DoesNotContain("code", query.Keys);
    }
}
