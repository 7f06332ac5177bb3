using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EpicZoom.Domain.Launch;
using Microsoft.EntityFrameworkCore;

using EpicZoom.Web.Tests.Errors;
using EpicZoom.TestSupport;

namespace EpicZoom.Web.Tests.Launch;

/// <summary>
/// Every launch error code (docs/launch-errors.md) reached through real HTTP: the simulators, EpicZoom's own
/// endpoints, and hand-made callbacks. Each failure is a page with its code and the right status, never a stack
/// trace; each launch step leaves a LaunchRecord with the code; logs never carry the CSN or names.
/// Tests of one class run one after another, so counting what a test added (records, sessions, meetings) is exact.
/// </summary>
public sealed partial class LaunchErrorTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    private const string ProviderFirstName = "Zebediah";
    private const string ProviderLastName = "Quillfeather";
    private const string PatientFirstName = "Philomena";
    private const string PatientLastName = "Ravensworth";

    private static readonly string Names = $"firstName={ProviderFirstName}&lastName={ProviderLastName}";
    private static readonly string PatientNames = $"firstName={PatientFirstName}&lastName={PatientLastName}";

    // ---- EZ-L001 -------------------------------------------------------------------------------------------------

    [ReachesCode("EZ-L001")]
    [Theory]
    [InlineData("no-such-org")]
    [InlineData("has space")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData(null)]
    public async Task UnknownMissingOrMalformedOrgId_ShowsL001_AndRecordsIt(string? orgId)
    {
        var before = await RecordIdsAsync();
        var sessions = await SessionCountAsync();

        var response = await sandbox.Http.GetAsync(BeginUrl("providerlaunch", orgId, sandbox.EpicFhirBase, "some-launch-token"));

        await AssertErrorPageAsync(response, HttpStatusCode.NotFound, "EZ-L001");
        var record = Assert.Single(await NewRecordsAsync(before));
        Assert.Equal("begin:EZ-L001", record.Outcome);
        Assert.Null(record.TenantId);
        Assert.Equal(sessions, await SessionCountAsync());
    }

    [Fact]
    public async Task HostileOrgIdAndIss_AreReflectedNowhereUnencoded()
    {
        const string Hostile = "<script>alert('ez')</script>";

        var org = await sandbox.Http.GetAsync(BeginUrl("providerlaunch", Hostile, sandbox.EpicFhirBase, "tok"));
        var iss = await sandbox.Http.GetAsync(BeginUrl("providerlaunch", "sandbox", "https://evil.example/" + Hostile, "tok"));
        var launch = await sandbox.Http.GetAsync(BeginUrl("providerlaunch", Hostile, Hostile, Hostile) + "&roomName=" + Uri.EscapeDataString(Hostile));

        foreach (var (response, code, status) in new[] { (org, "EZ-L001", HttpStatusCode.NotFound), (iss, "EZ-L002", HttpStatusCode.Forbidden), (launch, "EZ-L001", HttpStatusCode.NotFound) })
        {
            var html = await AssertErrorPageAsync(response, status, code);
            Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("alert('ez')", html, StringComparison.Ordinal);
        }
    }

    // ---- EZ-L002 -------------------------------------------------------------------------------------------------

    [ReachesCode("EZ-L002")]
    [Theory]
    [InlineData("https://attacker.example/api/FHIR/R4")]
    [InlineData("https://attacker.example/sandbox/epic/api/FHIR/R4")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public async Task IssuerOtherThanTheTenantsFhirBase_ShowsL002_AndStartsNothing(string iss)
    {
        var before = await RecordIdsAsync();
        var sessions = await SessionCountAsync();
        // A genuine launch from the simulator, with the issuer swapped by an attacker.
        var genuine = await SimulatorRedirectAsync($"type=provider&csn={SandboxedApp.NewCsn()}");
        var forged = Regex.Replace(genuine, "iss=[^&]*", "iss=" + Uri.EscapeDataString(iss));

        var response = await sandbox.Http.GetAsync(forged);

        await AssertErrorPageAsync(response, HttpStatusCode.Forbidden, "EZ-L002");
        var record = Assert.Single(await NewRecordsAsync(before));
        Assert.Equal("begin:EZ-L002", record.Outcome);
        Assert.Equal(await SandboxTenantIdAsync(), record.TenantId?.Value);
        Assert.Equal(sessions, await SessionCountAsync());
    }

    // ---- EZ-L003 -------------------------------------------------------------------------------------------------

    [ReachesCode("EZ-L003")]
    [Fact]
    public async Task NoLaunchParameter_ShowsL003_AndStartsNothing()
    {
        var before = await RecordIdsAsync();
        var sessions = await SessionCountAsync();
        var genuine = await SimulatorRedirectAsync($"type=provider&csn={SandboxedApp.NewCsn()}");
        var withoutLaunch = Regex.Replace(genuine, "&launch=[^&]*", "");

        var response = await sandbox.Http.GetAsync(withoutLaunch);

        await AssertErrorPageAsync(response, HttpStatusCode.BadRequest, "EZ-L003");
        Assert.Equal("begin:EZ-L003", Assert.Single(await NewRecordsAsync(before)).Outcome);
        Assert.Equal(sessions, await SessionCountAsync());
    }

    // ---- EZ-L004 -------------------------------------------------------------------------------------------------

    [ReachesCode("EZ-L004")]
    [Theory]
    [InlineData("/epicfhir/callback?state=no-such-state&code=abc")]
    [InlineData("/epicfhir/callback?code=abc")]
    [InlineData("/epicfhir/callback")]
    public async Task CallbackWithUnknownOrMissingState_ShowsL004(string url)
    {
        var before = await RecordIdsAsync();

        var response = await sandbox.Http.GetAsync(url);

        await AssertErrorPageAsync(response, HttpStatusCode.Gone, "EZ-L004");
        var record = Assert.Single(await NewRecordsAsync(before));
        Assert.Equal("callback:EZ-L004", record.Outcome);
        Assert.Null(record.TenantId);
    }

    /// <summary>No fake clock can be put into the app from here, so the launch session is aged in the database instead.</summary>
    [Fact]
    public async Task CallbackWithAStateOlderThanTenMinutes_ShowsL004_EvenWithEpicsValidCode()
    {
        var csn = SandboxedApp.NewCsn();
        var callback = await sandbox.CallbackUrlAsync($"type=provider&csn={csn}&{Names}");
        var hash = StateHash(QueryValue(callback, "state"));
        var elevenMinutesAgo = DateTime.UtcNow.AddMinutes(-11);
        var aged = await sandbox.DbAsync(db => db.LaunchSessions.Where(s => s.StateHash == hash).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.CreatedAtUtc, elevenMinutesAgo)
            .SetProperty(x => x.ExpiresAtUtc, elevenMinutesAgo + LaunchSession.Lifetime)));
        Assert.Equal(1, aged);
        var before = await RecordIdsAsync();

        var response = await sandbox.Http.GetAsync(callback);

        await AssertErrorPageAsync(response, HttpStatusCode.Gone, "EZ-L004");
        Assert.Equal("callback:EZ-L004", Assert.Single(await NewRecordsAsync(before)).Outcome);
        Assert.False(await VisitExistsAsync(csn));
        AssertNothingPersonalLogged(csn, ProviderFirstName, ProviderLastName);
    }

    // ---- EZ-L005 -------------------------------------------------------------------------------------------------

    [ReachesCode("EZ-L005")]
    [Fact]
    public async Task ReplayedCallback_ShowsL005_AndMakesNoSecondMeeting()
    {
        var csn = SandboxedApp.NewCsn();
        var callback = await sandbox.CallbackUrlAsync($"type=provider&csn={csn}&{Names}");
        var meetings = await MeetingCountAsync();

        var first = await sandbox.Http.GetAsync(callback);
        var before = await RecordIdsAsync();
        var replay = await sandbox.Http.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Matches(@"/sandbox/zoom/s/\d+", first.Headers.Location!.ToString());
        await AssertErrorPageAsync(replay, HttpStatusCode.Gone, "EZ-L005");
        Assert.Equal("callback:EZ-L005", Assert.Single(await NewRecordsAsync(before)).Outcome);
        Assert.Equal(meetings + 1, await MeetingCountAsync());
        AssertNothingPersonalLogged(csn, ProviderFirstName, ProviderLastName);
    }

    [Fact]
    public async Task ReplayedCallback_IsRecordedAgainstItsTenant()
    {
        var callback = await sandbox.CallbackUrlAsync($"type=provider&csn={SandboxedApp.NewCsn()}");
        await sandbox.Http.GetAsync(callback);
        var before = await RecordIdsAsync();

        await sandbox.Http.GetAsync(callback);

        var record = Assert.Single(await NewRecordsAsync(before));
        Assert.Equal("callback:EZ-L005", record.Outcome);
        Assert.Equal(await SandboxTenantIdAsync(), record.TenantId?.Value);
    }

    // ---- EZ-L006 -------------------------------------------------------------------------------------------------

    [ReachesCode("EZ-L006")]
    [Fact]
    public async Task EpicAnsweringAccessDenied_ShowsL006_WithEpicsErrorAsDetail_AndUsesUpTheState()
    {
        var authorize = await sandbox.AuthorizeUrlAsync($"type=provider&csn={SandboxedApp.NewCsn()}&{Names}");
        var state = QueryValue(authorize, "state");
        var before = await RecordIdsAsync();

        var response = await sandbox.Http.GetAsync(
            $"/epicfhir/callback?error=access_denied&error_description={Uri.EscapeDataString("The user <b>denied</b>")}&state={Uri.EscapeDataString(state)}");

        var html = await AssertErrorPageAsync(response, HttpStatusCode.Forbidden, "EZ-L006");
        Assert.Contains("access_denied", html);
        Assert.DoesNotContain("<b>denied</b>", html);
        var record = Assert.Single(await NewRecordsAsync(before));
        Assert.Equal("callback:EZ-L006", record.Outcome);
        Assert.Equal(await SandboxTenantIdAsync(), record.TenantId?.Value);

        // The state is spent: the same state cannot be used again with a code.
        var again = await sandbox.Http.GetAsync($"/epicfhir/callback?code=abc&state={Uri.EscapeDataString(state)}");
        await AssertErrorPageAsync(again, HttpStatusCode.Gone, "EZ-L005");
    }

    [Fact]
    public async Task LaunchTokenEpicDoesNotKnow_EpicRefusesAtAuthorize_ShowsL006WithInvalidRequest()
    {
        var before = await RecordIdsAsync();

        var response = await FollowLaunchChainAsync(BeginUrl("providerlaunch", "sandbox", sandbox.EpicFhirBase, "a-launch-token-epic-never-issued"));

        var html = await AssertErrorPageAsync(response, HttpStatusCode.Forbidden, "EZ-L006");
        Assert.Contains("invalid_request", html);
        Assert.Equal(new[] { "begin:OK", "callback:EZ-L006" }, (await NewRecordsAsync(before)).Select(r => r.Outcome).Order().ToArray());
    }

    // ---- EZ-L007 -------------------------------------------------------------------------------------------------

    [ReachesCode("EZ-L007")]
    [Fact]
    public async Task WrongAuthorizationCode_ShowsL007_WithEpicsInvalidGrant()
    {
        var authorize = await sandbox.AuthorizeUrlAsync($"type=provider&csn={SandboxedApp.NewCsn()}&{Names}");
        var before = await RecordIdsAsync();

        var response = await sandbox.Http.GetAsync($"/epicfhir/callback?code=garbage&state={Uri.EscapeDataString(QueryValue(authorize, "state"))}");

        var html = await AssertErrorPageAsync(response, HttpStatusCode.BadGateway, "EZ-L007");
        Assert.Contains("invalid_grant", html);
        var record = Assert.Single(await NewRecordsAsync(before));
        Assert.Equal("callback:EZ-L007", record.Outcome);
        Assert.Equal(await SandboxTenantIdAsync(), record.TenantId?.Value);
    }

    // ---- EZ-L008 -------------------------------------------------------------------------------------------------

    /// <summary>Discovery is cached for an hour per FHIR base and client id: a tenant with its own client id starts cold.</summary>
    [ReachesCode("EZ-L008")]
    [Fact]
    public async Task SmartDiscoveryFailing_ShowsL008_AndTheFailureIsNotCached()
    {
        var clientId = "ez-discovery-" + SandboxedApp.NewCsn();
        await sandbox.RegisterEpicClientAsync(clientId, "discovery-secret");
        var (tenantId, orgId) = await sandbox.CreateTenantAsync(t => { t.EpicClientId = clientId; t.EpicClientSecret = "discovery-secret"; });
        var sessions = await SessionCountAsync();
        var before = await RecordIdsAsync();
        HttpResponseMessage failed;
        await sandbox.InjectFaultAsync("epic", new { endpoint = "discovery", statusCode = 500 });
        try
        {
            failed = await sandbox.LaunchAsync($"type=provider&org_id={orgId}&csn={SandboxedApp.NewCsn()}");
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }

        await AssertErrorPageAsync(failed, HttpStatusCode.BadGateway, "EZ-L008");
        var record = Assert.Single(await NewRecordsAsync(before));
        Assert.Equal("begin:EZ-L008", record.Outcome);
        Assert.Equal(tenantId, record.TenantId?.Value);
        Assert.Equal(sessions, await SessionCountAsync());

        var healed = await sandbox.LaunchAsync($"type=provider&org_id={orgId}&csn={SandboxedApp.NewCsn()}");
        Assert.Equal(HttpStatusCode.Redirect, healed.StatusCode);
        Assert.Matches(@"/sandbox/zoom/s/\d+\?zak=", healed.Headers.Location!.ToString());
    }

    // ---- EZ-L009 -------------------------------------------------------------------------------------------------

    /// <summary>
    /// The simulator always sends epicSessionId (it generates a CSN when none is given), so the only way to an
    /// unusable CSN through it is one longer than a visit can hold (100 characters).
    /// </summary>
    [ReachesCode("EZ-L009")]
    [Fact]
    public async Task CsnLongerThanAVisitHolds_ShowsL009_AndOpensNoVisit()
    {
        var csn = string.Concat(Enumerable.Repeat("1234567890", 11));
        var visits = await sandbox.DbAsync(db => db.VideoVisits.CountAsync());
        var before = await RecordIdsAsync();

        var response = await sandbox.LaunchAsync($"type=provider&csn={csn}&{Names}");

        await AssertErrorPageAsync(response, HttpStatusCode.BadRequest, "EZ-L009");
        Assert.Equal(new[] { "begin:OK", "callback:EZ-L009" }, (await NewRecordsAsync(before)).Select(r => r.Outcome).Order().ToArray());
        Assert.Equal(visits, await sandbox.DbAsync(db => db.VideoVisits.CountAsync()));
        AssertNothingPersonalLogged(csn, ProviderFirstName, ProviderLastName);
    }

    // ---- EZ-L010 -------------------------------------------------------------------------------------------------

    [ReachesCode("EZ-L010")]
    [Fact]
    public async Task ZoomRefusingTheCredentials_ShowsL010_AndLeavesNoMeetingNorClaim()
    {
        var (tenantId, orgId) = await sandbox.CreateTenantAsync(t => t.ZoomClientSecret = "not-the-zoom-secret");
        var csn = SandboxedApp.NewCsn();
        var meetings = await MeetingCountAsync();
        var before = await RecordIdsAsync();

        var response = await sandbox.LaunchAsync($"type=provider&org_id={orgId}&csn={csn}&{Names}");

        var html = await AssertErrorPageAsync(response, HttpStatusCode.BadGateway, "EZ-L010");
        Assert.Contains("401", html);
        var record = Assert.Single(await NewRecordsAsync(before), r => r.Outcome.StartsWith("callback:", StringComparison.Ordinal));
        Assert.Equal("callback:EZ-L010", record.Outcome);
        Assert.Equal(csn, record.Csn);
        Assert.Equal(tenantId, record.TenantId?.Value);
        Assert.Equal(meetings, await MeetingCountAsync());
        await AssertVisitHasNoMeetingNorClaimAsync(tenantId, csn);
        AssertNothingPersonalLogged(csn, ProviderFirstName, ProviderLastName);
    }

    // ---- EZ-L011 -------------------------------------------------------------------------------------------------

    [ReachesCode("EZ-L011")]
    [Fact]
    public async Task ZoomFailingToCreateTheMeeting_ShowsL011_ThenTheSameCsnLaunchesWithExactlyOneMeeting()
    {
        var csn = SandboxedApp.NewCsn();
        var meetings = await MeetingCountAsync();
        var before = await RecordIdsAsync();
        HttpResponseMessage failed;
        await sandbox.InjectFaultAsync("zoom", new { endpoint = "meetings", statusCode = 500 });
        try
        {
            failed = await sandbox.LaunchAsync($"type=provider&csn={csn}&{Names}");
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }

        var html = await AssertErrorPageAsync(failed, HttpStatusCode.BadGateway, "EZ-L011");
        Assert.Contains("Zoom 500", html);
        var record = Assert.Single(await NewRecordsAsync(before), r => r.Outcome.StartsWith("callback:", StringComparison.Ordinal));
        Assert.Equal("callback:EZ-L011", record.Outcome);
        Assert.Equal(csn, record.Csn);
        Assert.Equal(meetings, await MeetingCountAsync());
        var tenantId = await SandboxTenantIdAsync();
        await AssertVisitHasNoMeetingNorClaimAsync(tenantId, csn);

        var provider = await sandbox.LaunchAsync($"type=provider&csn={csn}&{Names}");
        var nurse = await sandbox.LaunchAsync($"type=nurse&csn={csn}");

        var meetingId = MeetingIdIn(provider, "s");
        Assert.Equal(meetingId, MeetingIdIn(nurse, "j"));
        Assert.Equal(meetings + 1, await MeetingCountAsync());
        Assert.Single((await sandbox.MeetingsAsync()).EnumerateArray(), m => m.GetProperty("id").GetInt64() == meetingId);
        var visit = await sandbox.DbAsync(db => db.VideoVisits.AsNoTracking().SingleAsync(v => v.TenantId == new Domain.Tenants.TenantId(tenantId) && v.Csn == csn));
        Assert.Equal(meetingId, visit.ZoomMeetingId);
        AssertNothingPersonalLogged(csn, ProviderFirstName, ProviderLastName);
    }

    /// <summary>Zoom not answering is as much "Zoom could not prepare the visit" as Zoom answering 500.</summary>
    [Fact]
    public async Task ZoomNotAnsweringInTime_ShowsL011_NotABare500()
    {
        var csn = SandboxedApp.NewCsn();
        var before = await RecordIdsAsync();
        HttpResponseMessage failed;
        await sandbox.InjectFaultAsync("zoom", new { endpoint = "meetings", delayMs = 16_000, failNext = 1 });
        try
        {
            failed = await sandbox.LaunchAsync($"type=provider&csn={csn}");
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }

        await AssertErrorPageAsync(failed, HttpStatusCode.BadGateway, "EZ-L011");
        Assert.Contains(await NewRecordsAsync(before), r => r.Outcome == "callback:EZ-L011");
        await AssertVisitHasNoMeetingNorClaimAsync(await SandboxTenantIdAsync(), csn);
    }

    // ---- EZ-L012 -------------------------------------------------------------------------------------------------

    [ReachesCode("EZ-L012")]
    [Fact]
    public async Task ZoomRoomThatDoesNotExist_ShowsL012_AndMakesNoMeeting()
    {
        var csn = SandboxedApp.NewCsn();
        var meetings = await MeetingCountAsync();
        var before = await RecordIdsAsync();

        var response = await sandbox.LaunchAsync($"type=zoomroom&csn={csn}&roomName={Uri.EscapeDataString("Room 999 - Nowhere")}");

        await AssertErrorPageAsync(response, HttpStatusCode.NotFound, "EZ-L012");
        var record = Assert.Single(await NewRecordsAsync(before), r => r.Outcome.StartsWith("callback:", StringComparison.Ordinal));
        Assert.Equal("callback:EZ-L012", record.Outcome);
        Assert.Equal(csn, record.Csn);
        Assert.Equal(LaunchType.ZoomRoom, record.LaunchType);
        Assert.Equal(meetings, await MeetingCountAsync());
        AssertNothingPersonalLogged(csn);
    }

    // ---- EZ-L013 -------------------------------------------------------------------------------------------------

    [ReachesCode("EZ-L013")]
    [Fact]
    public async Task TenantWithoutZoomClientSecret_ShowsL013()
    {
        var (tenantId, orgId) = await sandbox.CreateTenantAsync(t => t.ZoomClientSecret = null);
        var csn = SandboxedApp.NewCsn();
        var meetings = await MeetingCountAsync();
        var before = await RecordIdsAsync();

        var response = await sandbox.LaunchAsync($"type=provider&org_id={orgId}&csn={csn}&{Names}");

        await AssertErrorPageAsync(response, HttpStatusCode.ServiceUnavailable, "EZ-L013");
        var record = Assert.Single(await NewRecordsAsync(before), r => r.Outcome.StartsWith("callback:", StringComparison.Ordinal));
        Assert.Equal("callback:EZ-L013", record.Outcome);
        Assert.Equal(tenantId, record.TenantId?.Value);
        Assert.Equal(meetings, await MeetingCountAsync());
        AssertNothingPersonalLogged(csn, ProviderFirstName, ProviderLastName);
    }

    [Fact]
    public async Task TenantWithoutAnyEpicClientAuthentication_ShowsL013_BeforeSendingAnyoneToEpic()
    {
        var (tenantId, orgId) = await sandbox.CreateTenantAsync(t => t.EpicClientSecret = null);
        var sessions = await SessionCountAsync();
        var before = await RecordIdsAsync();

        var response = await sandbox.LaunchAsync($"type=provider&org_id={orgId}&csn={SandboxedApp.NewCsn()}");

        await AssertErrorPageAsync(response, HttpStatusCode.ServiceUnavailable, "EZ-L013");
        var record = Assert.Single(await NewRecordsAsync(before));
        Assert.Equal("begin:EZ-L013", record.Outcome);
        Assert.Equal(tenantId, record.TenantId?.Value);
        Assert.Equal(sessions, await SessionCountAsync());
    }

    // ---- EZ-L015 -------------------------------------------------------------------------------------------------

    [ReachesCode("EZ-L015")]
    [Theory]
    [InlineData("foolaunch")]
    [InlineData("providerlaunch.php")]
    [InlineData("%3Cscript%3E")]
    public async Task UnknownLaunchTypeInThePath_ShowsL015(string segment)
    {
        var response = await sandbox.Http.GetAsync(BeginUrl(segment, "sandbox", sandbox.EpicFhirBase, "tok"));

        var html = await AssertErrorPageAsync(response, HttpStatusCode.BadRequest, "EZ-L015");
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownLaunchTypeInThePath_IsRecordedAsL015()
    {
        var before = await RecordIdsAsync();

        await sandbox.Http.GetAsync(BeginUrl("foolaunch", "sandbox", sandbox.EpicFhirBase, "tok"));

        Assert.Equal("begin:EZ-L015", Assert.Single(await NewRecordsAsync(before)).Outcome);
    }

    [Fact]
    public async Task ContextValueLongerThan256Characters_ShowsL015_AndStartsNothing()
    {
        var sessions = await SessionCountAsync();
        var before = await RecordIdsAsync();
        var genuine = await SimulatorRedirectAsync($"type=zoomroom&csn={SandboxedApp.NewCsn()}");

        var response = await sandbox.Http.GetAsync(genuine + "&roomName=" + new string('R', 300));

        await AssertErrorPageAsync(response, HttpStatusCode.BadRequest, "EZ-L015");
        Assert.Equal("begin:EZ-L015", Assert.Single(await NewRecordsAsync(before)).Outcome);
        Assert.Equal(sessions, await SessionCountAsync());
    }

    // ---- EZ-L016 -------------------------------------------------------------------------------------------------

    /// <summary>
    /// The first launch holds the meeting claim while Zoom is slow (user creation 14 s, meeting creation 12 s, each
    /// under the 15 s call budget); a second clinician waits 20 s for it, then gets L016. The first still succeeds.
    /// The simulator always sends an encounterProviderId for patients, so the other cause of L016 is not reachable.
    /// </summary>
    [ReachesCode("EZ-L016")]
    [Fact]
    public async Task SecondLaunchWhileTheFirstIsStillCreatingTheMeeting_ShowsL016AfterWaiting_AndTheFirstStillSucceeds()
    {
        var csn = SandboxedApp.NewCsn();
        var tenantId = new Domain.Tenants.TenantId(await SandboxTenantIdAsync());
        var meetings = await MeetingCountAsync();
        HttpResponseMessage first;
        HttpResponseMessage second;
        await sandbox.InjectFaultAsync("zoom", new { endpoint = "users", delayMs = 14_000, failNext = 1 });
        await sandbox.InjectFaultAsync("zoom", new { endpoint = "meetings", delayMs = 12_000, failNext = 1 });
        try
        {
            var firstLaunch = sandbox.LaunchAsync($"type=provider&csn={csn}&providerId=eSlow{csn}");
            await Eventually.HoldsAsync(() => sandbox.DbAsync(db => db.VideoVisits.AnyAsync(v => v.TenantId == tenantId && v.Csn == csn && v.MeetingClaim != null)),
                "the first launch to claim the meeting");
            var started = System.Diagnostics.Stopwatch.StartNew();
            second = await sandbox.LaunchAsync($"type=nurse&csn={csn}&providerId=eWaiting{csn}");
            var waited = started.Elapsed;
            first = await firstLaunch;
            Assert.InRange(waited, TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(26));
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }

        await AssertErrorPageAsync(second, HttpStatusCode.ServiceUnavailable, "EZ-L016");
        var meetingId = MeetingIdIn(first, "s");
        Assert.Equal(meetings + 1, await MeetingCountAsync());
        var records = await sandbox.DbAsync(db => db.LaunchRecords.AsNoTracking().Where(r => r.Csn == csn).Select(r => r.Outcome).ToListAsync());
        Assert.Equal(new[] { "callback:EZ-L016", "callback:OK" }, records.Order().ToArray());

        // "Try again" works once the meeting exists.
        var retry = await sandbox.LaunchAsync($"type=nurse&csn={csn}&providerId=eWaiting{csn}");
        Assert.Equal(meetingId, MeetingIdIn(retry, "j"));
    }

    // ---- EZ-L017 -------------------------------------------------------------------------------------------------

    public static TheoryData<string> BadPasses => new()
    {
        "",
        "garbage",
        "CfDJ8" + new string('A', 200),
        new string('p', 3000),
        "<script>alert(1)</script>",
    };

    [ReachesCode("EZ-L017")]
    [Theory]
    [MemberData(nameof(BadPasses))]
    public async Task GarbagePass_ShowsL017_OnEveryVisitEndpoint(string pass)
    {
        var query = "?pass=" + Uri.EscapeDataString(pass);

        await AssertVisitLinkRefusedAsync(query);
    }

    [Fact]
    public async Task MissingPass_ShowsL017_OnEveryVisitEndpoint() => await AssertVisitLinkRefusedAsync("");

    [Fact]
    public async Task TamperedWaitingRoomPass_ShowsL017_WhileTheGenuineOneWorks()
    {
        var csn = SandboxedApp.NewCsn();
        var patient = await sandbox.LaunchAsync($"type=patient&csn={csn}&encounterProviderId=eEnc{csn}&{PatientNames}");
        var pass = QueryValue(new Uri(new Uri(sandbox.BaseUrl), patient.Headers.Location!), "pass");
        Assert.Equal(HttpStatusCode.OK, (await sandbox.Http.GetAsync("/visit/wait?pass=" + Uri.EscapeDataString(pass))).StatusCode);

        foreach (var tampered in Tamperings(pass))
            await AssertVisitLinkRefusedAsync("?pass=" + Uri.EscapeDataString(tampered));

        // A waiting-room pass is no device-test pass.
        var asDeviceTest = await sandbox.Http.GetAsync("/visit/device-test?pass=" + Uri.EscapeDataString(pass));
        await AssertErrorPageAsync(asDeviceTest, HttpStatusCode.Gone, "EZ-L017");
        await AssertJsonCodeAsync(await PostResultAsync(pass), HttpStatusCode.Gone, "EZ-L017");
        Assert.Equal(0, await sandbox.DbAsync(db => db.DeviceTestResults.CountAsync(r => r.Csn == csn)));
        AssertNothingPersonalLogged(csn, PatientFirstName, PatientLastName);
    }

    [Fact]
    public async Task TamperedDeviceTestPass_ShowsL017_AndStoresNoResult()
    {
        var csn = SandboxedApp.NewCsn();
        var launch = await sandbox.LaunchAsync($"type=devicetest&csn={csn}&{PatientNames}");
        var pass = QueryValue(new Uri(new Uri(sandbox.BaseUrl), launch.Headers.Location!), "pass");

        foreach (var tampered in Tamperings(pass))
        {
            await AssertErrorPageAsync(await sandbox.Http.GetAsync("/visit/device-test?pass=" + Uri.EscapeDataString(tampered)), HttpStatusCode.Gone, "EZ-L017");
            await AssertJsonCodeAsync(await PostResultAsync(tampered), HttpStatusCode.Gone, "EZ-L017");
        }

        // A device-test pass is no waiting-room pass.
        await AssertErrorPageAsync(await sandbox.Http.GetAsync("/visit/wait?pass=" + Uri.EscapeDataString(pass)), HttpStatusCode.Gone, "EZ-L017");
        await AssertJsonCodeAsync(await sandbox.Http.GetAsync("/visit/wait/status?pass=" + Uri.EscapeDataString(pass)), HttpStatusCode.Gone, "EZ-L017");
        Assert.Equal(0, await sandbox.DbAsync(db => db.DeviceTestResults.CountAsync(r => r.Csn == csn)));

        // The genuine pass still works.
        Assert.Equal(HttpStatusCode.OK, (await PostResultAsync(pass)).StatusCode);
        Assert.Equal(1, await sandbox.DbAsync(db => db.DeviceTestResults.CountAsync(r => r.Csn == csn)));
        AssertNothingPersonalLogged(csn, PatientFirstName, PatientLastName);
    }

    // ---- oversized and hostile input ---------------------------------------------------------------------------

    /// <summary>"{iss}" stands for the sandbox tenant's FHIR base (known only once the server listens).</summary>
    public static TheoryData<string> HostileUrls => new()
    {
        "/epicfhir/providerlaunch?org_id=sandbox&iss={iss}&launch=" + new string('L', 5000),
        "/epicfhir/providerlaunch?org_id=sandbox&iss=" + new string('i', 5000) + "&launch=tok",
        "/epicfhir/providerlaunch?org_id=" + new string('o', 5000) + "&iss={iss}&launch=tok",
        "/epicfhir/providerlaunch?org_id=sandbox&org_id=sandbox&iss={iss}&launch=tok",
        "/epicfhir/providerlaunch?org_id=sandbox&iss={iss}&iss={iss}&launch=tok",
        "/epicfhir/providerlaunch?org_id=sandbox&iss={iss}&launch=tok&launch=tok",
        "/epicfhir/providerlaunch?org_id=sandbox&iss={iss}&launch=tok&epicSessionId=1&epicSessionId=2&roomName=a&roomName=b",
        "/epicfhir/providerlaunch?org_id=%00sandbox&iss={iss}&launch=tok",
        "/epicfhir/providerlaunch?org_id=sandbox%0d%0aSet-Cookie:%20x=y&iss={iss}&launch=tok",
        "/epicfhir/providerlaunch?org_id=sandbox&iss={iss}%0d%0aX-Injected:%201&launch=tok",
        "/epicfhir/providerlaunch?org_id=%E2%80%AEsandbox&iss={iss}&launch=tok",
        "/epicfhir/callback?state=" + new string('s', 5000) + "&code=abc",
        "/epicfhir/callback?state=a&state=b&code=abc",
        "/epicfhir/callback?state=a&code=" + new string('c', 5000),
        "/epicfhir/callback?state=%00&code=%00",
        "/epicfhir/callback?error=" + new string('e', 5000) + "&state=a",
        "/epicfhir/" + new string('x', 3000) + "?org_id=sandbox",
    };

    [Theory]
    [MemberData(nameof(HostileUrls))]
    public async Task OversizedOrHostileInput_IsA4xxPageWithACode_NeverA500OrAStackTrace(string url)
    {
        var response = await FollowLaunchChainAsync(url.Replace("{iss}", Uri.EscapeDataString(sandbox.EpicFhirBase), StringComparison.Ordinal));

        Assert.InRange((int)response.StatusCode, 400, 499);
        var html = await AssertErrorPageAsync(response, response.StatusCode, null);
        Assert.DoesNotContain("X-Injected", string.Join('\n', response.Headers.Select(h => h.Key)), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain(new string('L', 100), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedCodeWithAGenuineState_IsRefusedWithACode_AndNoMeeting()
    {
        var csn = SandboxedApp.NewCsn();
        var authorize = await sandbox.AuthorizeUrlAsync($"type=provider&csn={csn}");
        var meetings = await MeetingCountAsync();

        var response = await sandbox.Http.GetAsync($"/epicfhir/callback?state={Uri.EscapeDataString(QueryValue(authorize, "state"))}&code={new string('c', 5000)}");

        await AssertErrorPageAsync(response, HttpStatusCode.Forbidden, "EZ-L006");
        Assert.Equal(meetings, await MeetingCountAsync());
        Assert.False(await VisitExistsAsync(csn));
    }

    [Fact]
    public async Task EveryFailureOfThisClass_KeptTheLogsFreeOfCsnsAndNames()
    {
        // Runs whenever it runs: whatever the class has logged so far must hold no names; its own launch adds more.
        var csn = SandboxedApp.NewCsn();
        await sandbox.LaunchAsync($"type=zoomroom&csn={csn}&roomName=Nope&{Names}");
        await sandbox.LaunchAsync($"type=patient&csn={csn}&encounterProviderId=eEnc{csn}&{PatientNames}");

        AssertNothingPersonalLogged(csn, ProviderFirstName, ProviderLastName, PatientFirstName, PatientLastName);
        Assert.DoesNotContain(sandbox.App.LogLines, l => l.Contains("   at ", StringComparison.Ordinal) && l.Contains("AppException", StringComparison.Ordinal));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static string BeginUrl(string type, string? orgId, string? iss, string? launch)
    {
        var query = new List<string>();
        if (orgId is not null) query.Add("org_id=" + Uri.EscapeDataString(orgId));
        if (iss is not null) query.Add("iss=" + Uri.EscapeDataString(iss));
        if (launch is not null) query.Add("launch=" + Uri.EscapeDataString(launch));
        return $"/epicfhir/{type}?{string.Join('&', query)}";
    }

    /// <summary>Where the launch simulator sends the browser: EpicZoom's FDI URL with org_id, iss and a fresh launch token.</summary>
    private async Task<string> SimulatorRedirectAsync(string query)
    {
        var response = await sandbox.Http.GetAsync($"/sandbox/epic/launch?{query}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    private async Task<HttpResponseMessage> FollowLaunchChainAsync(string url)
    {
        var response = await sandbox.Http.GetAsync(url);
        for (var hops = 0; hops < 6 && response.StatusCode == HttpStatusCode.Redirect; hops++)
        {
            var next = new Uri(new Uri(sandbox.BaseUrl), response.Headers.Location!);
            if (!SandboxedApp.IsLaunchChain(next)) return response;
            response = await sandbox.Http.GetAsync(next);
        }
        return response;
    }

    /// <summary>The status, an HTML page with the code (any code when <paramref name="code"/> is null), no stack trace.</summary>
    private static async Task<string> AssertErrorPageAsync(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {Clip(html)}");
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        var shown = ErrorCode().Match(html);
        Assert.True(shown.Success, $"No error code on the page: {Clip(html)}");
        if (code is not null) Assert.Equal(code, shown.Groups[1].Value);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        return html;
    }

    private static async Task AssertJsonCodeAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {Clip(text)}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(code, json.RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private async Task AssertVisitLinkRefusedAsync(string query)
    {
        await AssertErrorPageAsync(await sandbox.Http.GetAsync("/visit/wait" + query), HttpStatusCode.Gone, "EZ-L017");
        await AssertJsonCodeAsync(await sandbox.Http.GetAsync("/visit/wait/status" + query), HttpStatusCode.Gone, "EZ-L017");
        await AssertErrorPageAsync(await sandbox.Http.GetAsync("/visit/device-test" + query), HttpStatusCode.Gone, "EZ-L017");
        await AssertJsonCodeAsync(await sandbox.Http.PostAsync("/visit/device-test/result" + query, DeviceResult()), HttpStatusCode.Gone, "EZ-L017");
    }

    private Task<HttpResponseMessage> PostResultAsync(string pass) =>
        sandbox.Http.PostAsync("/visit/device-test/result?pass=" + Uri.EscapeDataString(pass), DeviceResult());

    private static StringContent DeviceResult() => new("""{"camera":true,"microphone":true,"speaker":true}""", Encoding.UTF8, "application/json");

    /// <summary>A flipped character early, in the middle and at the end; truncated; extended.</summary>
    private static IEnumerable<string> Tamperings(string pass)
    {
        static string Flip(string s, int i) => s[..i] + (s[i] == 'A' ? 'B' : 'A') + s[(i + 1)..];
        yield return Flip(pass, 10);
        yield return Flip(pass, pass.Length / 2);
        yield return Flip(pass, pass.Length - 2);
        yield return pass[..^4];
        yield return pass + "AAAA";
    }

    private void AssertNothingPersonalLogged(params string[] values)
    {
        var lines = sandbox.App.LogLines.ToArray();
        foreach (var value in values)
            Assert.DoesNotContain(lines, l => l.Contains(value, StringComparison.OrdinalIgnoreCase));
    }

    private async Task AssertVisitHasNoMeetingNorClaimAsync(Guid tenantId, string csn)
    {
        var id = new Domain.Tenants.TenantId(tenantId);
        var visit = await sandbox.DbAsync(db => db.VideoVisits.AsNoTracking().SingleOrDefaultAsync(v => v.TenantId == id && v.Csn == csn));
        if (visit is null) return;
        Assert.Null(visit.ZoomMeetingId);
        Assert.Null(visit.JoinUrlProtected);
        Assert.Null(visit.MeetingClaim);
    }

    private Task<bool> VisitExistsAsync(string csn) => sandbox.DbAsync(db => db.VideoVisits.AnyAsync(v => v.Csn == csn));

    private Task<int> SessionCountAsync() => sandbox.DbAsync(db => db.LaunchSessions.CountAsync());

    private async Task<int> MeetingCountAsync() => (await sandbox.MeetingsAsync()).GetArrayLength();

    private async Task<HashSet<Guid>> RecordIdsAsync() => (await sandbox.LaunchRecordsAsync()).Select(r => r.Id).ToHashSet();

    private async Task<List<LaunchRecord>> NewRecordsAsync(HashSet<Guid> before) =>
        (await sandbox.LaunchRecordsAsync()).Where(r => !before.Contains(r.Id)).ToList();

    private async Task<Guid> SandboxTenantIdAsync() =>
        (await sandbox.DbAsync(db => db.Tenants.AsNoTracking().SingleAsync(t => t.OrgId == "sandbox"))).Id.Value;

    private static long MeetingIdIn(HttpResponseMessage response, string kind)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = Regex.Match(response.Headers.Location!.ToString(), $@"/sandbox/zoom/{kind}/(\d+)");
        Assert.True(match.Success, $"Not a Zoom /{kind}/ link: {response.Headers.Location}");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string QueryValue(Uri uri, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query)[name].ToString();

    private static string StateHash(string state) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    private static string Clip(string text) => text.Length > 600 ? text[..600] : text;

    [GeneratedRegex("data-testid=\"error-code\">(EZ-L\\d{3})<")]
    private static partial Regex ErrorCode();
}
