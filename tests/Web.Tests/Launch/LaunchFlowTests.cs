using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using System.Text.RegularExpressions;
using EpicZoom.TestSupport;

namespace EpicZoom.Web.Tests.Launch;

/// <summary>Each launch type end to end through the Epic and Zoom simulators over real HTTP.</summary>
public sealed partial class LaunchFlowTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    [Fact]
    public async Task ProviderLaunch_CreatesTheMeeting_AndSendsTheProviderToStartItAsHost()
    {
        var csn = SandboxedApp.NewCsn();

        var response = await sandbox.LaunchAsync($"type=provider&csn={csn}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches(@"/sandbox/zoom/s/\d+\?zak=", location);
        var meeting = await MeetingAsync(MeetingIdIn(location));
        Assert.Equal("waiting", meeting.GetProperty("status").GetString());
    }

    [Fact]
    public async Task WarmProviderLaunch_MakesOnlyTheUpstreamCallsItNeeds()
    {
        var providerId = "eCalls" + SandboxedApp.NewCsn();
        await sandbox.LaunchAsync($"type=provider&csn={SandboxedApp.NewCsn()}&providerId={providerId}"); // warms discovery, tokens, the Zoom user
        var csn = SandboxedApp.NewCsn();

        await sandbox.LaunchAsync($"type=provider&csn={csn}&providerId={providerId}");

        await using var scope = sandbox.App.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<EpicZoom.Infrastructure.Persistence.AppDbContext>()
            .LaunchRecords.SingleAsync(r => r.Csn == csn);
        var calls = record.UpstreamCalls.Split(' ');
        Assert.Contains("epic.smart.token.code=1", calls);
        Assert.Contains("zoom.meetings.create=1", calls);
        Assert.DoesNotContain(calls, c => c.StartsWith("epic.smart.discovery", StringComparison.Ordinal)); // cached
        Assert.DoesNotContain(calls, c => c.StartsWith("zoom.meetings.get", StringComparison.Ordinal)); // start_url came with the create
        Assert.DoesNotContain(calls, c => c.StartsWith("epic.fhir", StringComparison.Ordinal)); // no e-mail needed without useProviderZoomAccount
    }

    [Fact]
    public async Task NoRedirect_ShowsAPageWithTheLinkInsteadOfRedirecting()
    {
        var response = await sandbox.LaunchAsync($"type=provider&csn={SandboxedApp.NewCsn()}&noRedirect=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"meeting-link\"", html);
        Assert.Matches(@"/sandbox/zoom/s/\d+\?zak=", html);
    }

    [Fact]
    public async Task ProviderThenPatient_PatientWaitsUntilTheHostIsIn_ThenGetsAPersonalJoinLink()
    {
        var csn = SandboxedApp.NewCsn();
        var provider = await sandbox.LaunchAsync($"type=provider&csn={csn}");
        var meetingId = MeetingIdIn(provider.Headers.Location!.ToString());

        var patient = await sandbox.LaunchAsync($"type=patient&csn={csn}");
        var waitingUrl = patient.Headers.Location!.ToString();
        Assert.StartsWith("/visit/wait?pass=", waitingUrl);
        var page = await sandbox.Http.GetStringAsync(waitingUrl);
        Assert.Contains("Please wait for the host to start this meeting", page);

        var before = await StatusAsync(page);
        Assert.False(before.GetProperty("hostIsIn").GetBoolean());

        await HostJoinsAsync(meetingId);
        var after = await WaitForHostAsync(page);

        var joinUrl = after.GetProperty("joinUrl").GetString()!;
        Assert.Matches($@"/sandbox/zoom/j/{meetingId}\?pwd=.+&zak=", joinUrl);
        Assert.Single((await sandbox.MeetingsAsync()).EnumerateArray(), m => m.GetProperty("id").GetInt64() == meetingId);
    }

    [Fact]
    public async Task PatientBeforeProvider_MeetingIsMadeForTheEncounterProvider_WhoHostsOnArrival()
    {
        var csn = SandboxedApp.NewCsn();

        var patient = await sandbox.LaunchAsync($"type=patient&csn={csn}&encounterProviderId=eProv{csn}");
        var page = await sandbox.Http.GetStringAsync(patient.Headers.Location!.ToString());
        Assert.False((await StatusAsync(page)).GetProperty("hostIsIn").GetBoolean());

        var provider = await sandbox.LaunchAsync($"type=provider&csn={csn}&providerId=eProv{csn}");
        var location = provider.Headers.Location!.ToString();
        Assert.Matches(@"/sandbox/zoom/s/\d+\?zak=", location); // the encounter provider hosts
        await HostJoinsAsync(MeetingIdIn(location));

        Assert.True((await WaitForHostAsync(page)).GetProperty("hostIsIn").GetBoolean());
    }

    [Fact]
    public async Task NurseAfterProvider_JoinsAsAParticipant_NotAsHost()
    {
        var csn = SandboxedApp.NewCsn();
        var provider = await sandbox.LaunchAsync($"type=provider&csn={csn}");

        var nurse = await sandbox.LaunchAsync($"type=nurse&csn={csn}");

        var location = nurse.Headers.Location!.ToString();
        Assert.Matches($@"/sandbox/zoom/j/{MeetingIdIn(provider.Headers.Location!.ToString())}\?pwd=.+&zak=", location);
    }

    [Fact]
    public async Task NurseFirst_HostsTheVisit()
    {
        var nurse = await sandbox.LaunchAsync($"type=nurse&csn={SandboxedApp.NewCsn()}");

        Assert.Matches(@"/sandbox/zoom/s/\d+\?zak=", nurse.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ZoomRoomLaunch_AsksTheRoomToJoin_AndShowsItsDisplayName()
    {
        var csn = SandboxedApp.NewCsn();

        var response = await sandbox.LaunchAsync($"type=zoomroom&csn={csn}&roomName={Uri.EscapeDataString("Room 101 - Med/Surg")}&roomDisplay=Bed%2012");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Bed 12 is joining the visit", html);
        var meetingId = long.Parse(MeetingNumber().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var meeting = await MeetingAsync(meetingId);
        Assert.Contains(meeting.GetProperty("participants").EnumerateArray(), p => p.GetProperty("name").GetString()!.Contains("Room 101"));
    }

    [Fact]
    public async Task DeviceTestLaunch_OpensTheDeviceTestPage_WhichStoresTheResult()
    {
        var response = await sandbox.LaunchAsync($"type=devicetest&csn={SandboxedApp.NewCsn()}");
        var pageUrl = response.Headers.Location!.ToString();
        Assert.StartsWith("/visit/device-test?pass=", pageUrl);
        var html = await sandbox.Http.GetStringAsync(pageUrl);
        var resultUrl = WebUtility.HtmlDecode(ResultUrl().Match(html).Groups[1].Value);

        var posted = await sandbox.Http.PostAsync(resultUrl, new StringContent("""{"camera":true,"microphone":true,"speaker":false}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("\"passed\":false", await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UseProviderZoomAccountFalse_CreatesOneAccountPerProvider_AndReusesItForTheirNextVisit()
    {
        var providerId = "eReuse" + SandboxedApp.NewCsn();

        var first = await sandbox.LaunchAsync($"type=provider&csn={SandboxedApp.NewCsn()}&providerId={providerId}");
        var second = await sandbox.LaunchAsync($"type=provider&csn={SandboxedApp.NewCsn()}&providerId={providerId}");

        var host1 = (await MeetingAsync(MeetingIdIn(first.Headers.Location!.ToString()))).GetProperty("hostId").GetString();
        var host2 = (await MeetingAsync(MeetingIdIn(second.Headers.Location!.ToString()))).GetProperty("hostId").GetString();
        Assert.Equal(host1, host2);
        var user = await sandbox.ZoomApiAsync(HttpMethod.Get, $"/users/{host1}");
        Assert.EndsWith("@sandbox-health.example", user.GetProperty("email").GetString());
    }

    [Fact]
    public async Task UseProviderZoomAccountTrue_HostsWithTheProvidersOwnZoomUser_FoundByTheirFhirEmail()
    {
        var providerId = "eOwn" + SandboxedApp.NewCsn();
        // First launch creates the practitioner in the Epic simulator; read its e-mail, then give that person a Zoom user.
        await sandbox.LaunchAsync($"type=provider&csn={SandboxedApp.NewCsn()}&providerId={providerId}&firstName=Dana&lastName=Scully");
        var email = await sandbox.PractitionerEmailAsync(providerId);
        var own = await sandbox.CreateZoomUserAsync(email);

        var launch = await sandbox.LaunchAsync($"type=provider&csn={SandboxedApp.NewCsn()}&providerId={providerId}&useProviderZoomAccount=true");

        var meeting = await MeetingAsync(MeetingIdIn(launch.Headers.Location!.ToString()));
        Assert.Equal(own, meeting.GetProperty("hostId").GetString());
    }

    private async Task HostJoinsAsync(long meetingId) =>
        await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{meetingId}/join", new { name = "Dr Host", asHost = true });

    private async Task<JsonElement> StatusAsync(string waitingPage)
    {
        var statusUrl = WebUtility.HtmlDecode(StatusUrl().Match(waitingPage).Groups[1].Value);
        using var doc = JsonDocument.Parse(await sandbox.Http.GetStringAsync(statusUrl));
        return doc.RootElement.Clone();
    }

    /// <summary>The status throttles its calls to Zoom to one per few seconds per visit: poll like the page does.</summary>
    private Task<JsonElement> WaitForHostAsync(string waitingPage) =>
        Eventually.HoldsAsync(() => StatusAsync(waitingPage), status => status.GetProperty("hostIsIn").GetBoolean(), "the host to show as in the meeting",
            interval: TimeSpan.FromMilliseconds(250));

    private async Task<JsonElement> MeetingAsync(long id) =>
        (await sandbox.MeetingsAsync()).EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == id);

    private static long MeetingIdIn(string url) => long.Parse(MeetingPath().Match(url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/(?:s|j)/(\d+)")]
    private static partial Regex MeetingPath();

    [GeneratedRegex(@"meeting (\d+)")]
    private static partial Regex MeetingNumber();

    [GeneratedRegex("data-status-url=\"([^\"]+)\"")]
    private static partial Regex StatusUrl();

    [GeneratedRegex("data-result-url=\"([^\"]+)\"")]
    private static partial Regex ResultUrl();
}
