using System.Net;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Epic;

public sealed class LaunchSimulatorTests
{
    [Theory]
    [InlineData("provider", "providerlaunch")]
    [InlineData("nurse", "nurselaunch")]
    [InlineData("patient", "patientlaunch")]
    [InlineData("zoomroom", "zoomroomlaunch")]
    [InlineData("devicetest", "devicetest")]
    public async Task Launch_RedirectsToEpicZoomsFdiUrlWithOrgIdIssAndLaunch(string type, string path)
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.GetAsync($"/sandbox/epic/launch?type={type}&org_id=acme");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal($"{host.BaseUrl}/epicfhir/{path}", location.GetLeftPart(UriPartial.Path));
        var query = SmartFlow.Query(location);
        Assert.Equal(["org_id", "iss", "launch"], query.Keys);
        Assert.Equal("acme", query["org_id"]);
        Assert.Equal(host.FhirBase, query["iss"]);
        Assert.True(query["launch"].Length >= 32);
        Assert.Contains("iss=" + Uri.EscapeDataString(host.FhirBase), location.Query);
    }

    [Fact]
    public async Task Launch_WithEpicZoomBaseUrlConfigured_RedirectsThere()
    {
        await using var host = await SandboxHost.StartAsync(options => options.EpicZoomBaseUrl = "https://epiczoom.example/");

        using var response = await host.Client.GetAsync("/sandbox/epic/launch?type=patient");

        Assert.StartsWith("https://epiczoom.example/epicfhir/patientlaunch?org_id=sandbox&iss=", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Launch_WithUnknownType_Is400()
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.GetAsync("/sandbox/epic/launch?type=surgeon");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task LaunchPage_OffersEveryLaunchTypeAndEncodesValues()
    {
        await using var host = await SandboxHost.StartAsync(options => options.DefaultOrgId = "<script>alert(1)</script>");

        var html = await host.Client.GetStringAsync("/sandbox/epic/");

        Assert.Contains("action=\"/sandbox/epic/launch\"", html);
        foreach (var type in new[] { "provider", "nurse", "patient", "zoomroom", "devicetest" })
        {
            Assert.Contains($"value=\"{type}\"", html);
        }

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("/sandbox/epic/schedule", html);
    }
    [Theory]
    [InlineData("D1")]
    [InlineData("X")]
    [InlineData("ePDOC12345")]
    public async Task Launch_WithAProviderIdOfAnyLength_Redirects(string providerId)
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.GetAsync($"/sandbox/epic/launch?type=provider&providerId={providerId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task LaunchPage_ShowsAGeneratedCsnAndOffersToLaunchThePatientOrProviderOfARecentLaunch()
    {
        await using var host = await SandboxHost.StartAsync();
        var first = await host.Client.GetStringAsync("/sandbox/epic/");
        var generated = System.Text.RegularExpressions.Regex.Match(first, "name=\"csn\" value=\"([0-9]{9})\"").Groups[1].Value;
        Assert.NotEmpty(generated);

        (await host.Client.GetAsync($"/sandbox/epic/launch?type=provider&csn={generated}&org_id=acme")).Dispose();
        var html = await host.Client.GetStringAsync("/sandbox/epic/");

        Assert.Contains($"<td data-testid=\"recent-csn\">{generated}</td>", html);
        Assert.Contains($"href=\"/sandbox/epic/launch?type=patient&amp;csn={generated}&amp;org_id=acme\"", html);
        Assert.Contains($"href=\"/sandbox/epic/launch?type=provider&amp;csn={generated}&amp;org_id=acme\"", html);
        using var patient = await host.Client.GetAsync($"/sandbox/epic/launch?type=patient&csn={generated}&org_id=acme");
        Assert.Equal(HttpStatusCode.Redirect, patient.StatusCode);
    }

    [Fact]
    public async Task Launch_WithOmit_LeavesThoseContextPairsOutOfTheTokenResponse()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);

        using var response = await flow.TokenWithSecretAsync(await flow.CodeAsync(await flow.LaunchAsync("type=patient&omit=encounterProviderId")));
        var token = await response.JsonAsync(HttpStatusCode.OK);

        Assert.False(token.TryGetProperty("encounterProviderId", out _));
        Assert.True(token.TryGetProperty("epicSessionId", out _));
    }
    [Fact]
    public async Task AGroupVisitLaunch_SendsTheConferenceIdAsTheSession_AndGivesEachPatientTheirOwnEncounterWithTheGroupsProvider()
    {
        await using var host = await SandboxHost.StartAsync();
        var flow = new SmartFlow(host);
        async Task<System.Text.Json.JsonElement> TokenAsync(string query)
        {
            using var response = await flow.TokenWithSecretAsync(await flow.CodeAsync(await flow.LaunchAsync(query)));
            return await response.JsonAsync(HttpStatusCode.OK);
        }

        var provider = await TokenAsync("type=provider&conferenceId=G100&providerId=eGroupDoc");
        var first = await TokenAsync("type=patient&conferenceId=G100&patientId=eP1");
        var second = await TokenAsync("type=patient&conferenceId=G100&patientId=eP2");
        var alone = await TokenAsync("type=patient&patientId=eP3");

        Assert.All(new[] { provider, first, second }, t => Assert.Equal("G100", t.GetProperty("epicSessionId").GetString()));
        Assert.Equal(["eP1", "eP2"], new[] { first, second }.Select(t => t.GetProperty("patient").GetString()));
        Assert.NotEqual(first.GetProperty("encounter").GetString(), second.GetProperty("encounter").GetString());
        Assert.NotEqual(first.GetProperty("epicUserId").GetString(), second.GetProperty("epicUserId").GetString());
        Assert.All(new[] { first, second }, t => Assert.Equal("eGroupDoc", t.GetProperty("encounterProviderId").GetString()));
        Assert.NotEqual("G100", alone.GetProperty("epicSessionId").GetString());
    }

    [Fact]
    public async Task LaunchPage_OffersAGroupVisit_AProviderAndThreePatientsUnderOneConferenceId()
    {
        await using var host = await SandboxHost.StartAsync();

        var html = await host.Client.GetStringAsync("/sandbox/epic/");

        var conferenceId = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"group-conference-id\">(G[0-9]{8})<").Groups[1].Value;
        Assert.NotEmpty(conferenceId);
        var links = System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"group-(provider|patient)\" href=\"([^\"]+)\"")
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)).ToList();
        Assert.Equal(4, links.Count);
        Assert.All(links, link => Assert.Contains("conferenceId=" + conferenceId, link));
        Assert.Equal(3, links.Where(l => l.Contains("type=patient")).Select(l => SmartFlow.Query(new Uri(host.BaseUrl + l))["patientId"]).Distinct().Count());
    }
}
