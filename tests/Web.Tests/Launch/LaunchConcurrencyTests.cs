using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EpicZoom.Domain.Tenants;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Launch;

/// <summary>One visit and one meeting per CSN however many launches arrive at once (SQLite, the default database).</summary>
public sealed class LaunchConcurrencyTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    [Fact]
    public Task FiftyConcurrentLaunchesOfOneNewCsn_AllSucceed_WithOneVisitOneMeetingAndOneHost() =>
        ConcurrentLaunches.RunAsync(sandbox);

    /// <summary>
    /// When a patient launches first, the meeting is made for encounterProviderId (the provider's FHIR id); the
    /// provider then launches with their EMP user id and is recognised as host by another of their ids.
    /// </summary>
    [Fact]
    public async Task HostMatchedByAnotherOfItsIds_IsFlaggedAsHost()
    {
        var csn = SandboxedApp.NewCsn();
        var encounterProvider = "eEnc" + csn;
        await sandbox.LaunchAsync($"type=patient&csn={csn}&encounterProviderId={encounterProvider}");

        var provider = await sandbox.LaunchAsync($"type=provider&csn={csn}&providerId={encounterProvider}");

        Assert.Matches(@"/sandbox/zoom/s/\d+\?zak=", provider.Headers.Location!.ToString());
        var visit = await sandbox.DbAsync(db => db.VideoVisits.AsNoTracking().Include(v => v.Participants).SingleAsync(v => v.Csn == csn));
        Assert.Equal(encounterProvider, visit.HostEpicId);
        var clinician = Assert.Single(visit.Participants, p => p.Role == Domain.Visits.ParticipantRole.Provider);
        Assert.True(clinician.IsHost, $"The host ({clinician.EpicId}) is stored as a non-host participant.");
    }

    [Fact]
    public async Task ConcurrentLaunchesOfOnePatient_EnlistThemOnce_WithOneZoomUser()
    {
        var csn = SandboxedApp.NewCsn();
        await sandbox.LaunchAsync($"type=provider&csn={csn}");

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var launches = Enumerable.Range(0, 20).Select(async _ => { await go.Task; return await sandbox.LaunchAsync($"type=patient&csn={csn}"); }).ToList();
        go.SetResult();
        var responses = await Task.WhenAll(launches);

        Assert.All(responses, r => Assert.StartsWith("/visit/wait?pass=", r.Headers.Location?.ToString()));
        var visit = await sandbox.DbAsync(db => db.VideoVisits.AsNoTracking().Include(v => v.Participants).SingleAsync(v => v.Csn == csn));
        Assert.Single(visit.Participants, p => p.Role == Domain.Visits.ParticipantRole.Patient);
        var key = visit.Id.ToString() + ":";
        Assert.Single(await sandbox.DbAsync(db => db.ZoomAccounts.AsNoTracking().Where(a => a.EpicId.StartsWith(key)).ToListAsync()));
    }
}

/// <summary>The same on a real PostgreSQL server: the unique index and the meeting claim across real connections.</summary>
public sealed class LaunchConcurrencyPostgresTests(PostgresSandboxedApp postgres) : IClassFixture<PostgresSandboxedApp>
{
    [Fact]
    public Task FiftyConcurrentLaunchesOfOneNewCsn_OnPostgres_AllSucceed_WithOneVisitOneMeetingAndOneHost() =>
        ConcurrentLaunches.RunAsync(postgres.Sandbox);
}

/// <summary>EpicZoom and its simulators on a throwaway PostgreSQL server (Database:Provider=Postgres).</summary>
public sealed class PostgresSandboxedApp : IAsyncLifetime
{
    private SandboxedApp? sandbox;

    public SandboxedApp Sandbox => sandbox ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        sandbox = new SandboxedApp(await EpicZoomApp.StartAsync(new EpicZoomAppOptions { Sandbox = true, Kestrel = true, Postgres = true }));

    public Task DisposeAsync()
    {
        sandbox?.Dispose();
        return Task.CompletedTask;
    }
}

internal static partial class ConcurrentLaunches
{
    private const int Providers = 20;
    private const int Nurses = 10;
    private const int Patients = 20;

    /// <summary>
    /// 20 providers (one of them the encounter provider), 10 nurses and 20 patient launches (the visit's patient,
    /// with encounterProviderId) for one new CSN, released at once over real HTTP. Whoever wins the meeting claim,
    /// there must be one visit, one Zoom meeting everybody is sent to, and exactly one host.
    /// </summary>
    public static async Task RunAsync(SandboxedApp sandbox)
    {
        var csn = SandboxedApp.NewCsn();
        var encounterProvider = "eHost" + csn;
        var meetingsBefore = (await sandbox.MeetingsAsync()).GetArrayLength();
        var launches = new List<(string Type, string Query)>();
        for (var i = 0; i < Providers; i++)
            launches.Add(("provider", $"type=provider&csn={csn}&providerId={(i == 0 ? encounterProvider : $"eDoc{i}x{csn}")}&encounterProviderId={encounterProvider}"));
        for (var i = 0; i < Nurses; i++)
            launches.Add(("nurse", $"type=nurse&csn={csn}&providerId=eNurse{i}x{csn}&encounterProviderId={encounterProvider}"));
        for (var i = 0; i < Patients; i++)
            launches.Add(("patient", $"type=patient&csn={csn}&encounterProviderId={encounterProvider}"));

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = launches.Select(async launch =>
        {
            await go.Task;
            var response = await sandbox.LaunchAsync(launch.Query);
            var body = response.StatusCode == HttpStatusCode.Redirect ? "" : await response.Content.ReadAsStringAsync();
            return (launch.Type, Status: response.StatusCode, Location: response.Headers.Location?.ToString(), Body: body);
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(running);

        // All succeed: a redirect to Zoom (clinicians) or to the waiting page (patients), never an error page.
        var failures = results.Where(r => r.Status != HttpStatusCode.Redirect || r.Location is null).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {results.Length} launches failed: " + string.Join(" | ", failures
            .Select(f => $"{f.Type} {(int)f.Status} {ErrorCode().Match(f.Body).Value} {(f.Body.Length > 200 ? f.Body[..200] : f.Body)}").Distinct()));

        // Every clinician is sent to the same meeting; exactly one of them starts it as host.
        var clinicians = results.Where(r => r.Type != "patient").Select(r => ZoomLink().Match(r.Location!)).ToList();
        Assert.All(clinicians, m => Assert.True(m.Success, "A clinician was not sent to Zoom."));
        var meetingId = Assert.Single(clinicians.Select(m => long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct());
        Assert.Single(clinicians, m => m.Groups[1].Value == "s");

        // Exactly one meeting was created, the one everybody got.
        var meetings = await sandbox.MeetingsAsync();
        Assert.Equal(meetingsBefore + 1, meetings.GetArrayLength());
        var meeting = Assert.Single(meetings.EnumerateArray(), m => m.GetProperty("id").GetInt64() == meetingId);

        // Exactly one visit row for (tenant, CSN), holding that meeting, one host, no claim left behind.
        var tenantId = (await sandbox.DbAsync(db => db.Tenants.AsNoTracking().SingleAsync(t => t.OrgId == "sandbox"))).Id;
        var visits = await sandbox.DbAsync(db => db.VideoVisits.AsNoTracking().Include(v => v.Participants)
            .Where(v => v.TenantId == tenantId && v.Csn == csn).ToListAsync());
        var visit = Assert.Single(visits);
        Assert.Equal(meetingId, visit.ZoomMeetingId);
        Assert.Equal(meeting.GetProperty("hostId").GetString(), visit.HostZoomUserId);
        Assert.NotNull(visit.HostEpicId);
        Assert.Null(visit.MeetingClaim);
        // Never two hosts. (The host's participant row may lack its flag: see HostMatchedByAnotherOfItsIds_IsFlaggedAsHost.)
        Assert.InRange(visit.Participants.Where(p => p.IsHost).Select(p => p.EpicId).Distinct().Count(), 0, 1);
        var records = await sandbox.DbAsync(db => db.LaunchRecords.AsNoTracking().Where(r => r.Csn == csn).Select(r => r.Outcome).ToListAsync());
        Assert.Equal(launches.Count, records.Count(o => o == "callback:OK"));

        // Once the host is in, every patient's waiting page hands out a join link to that same meeting.
        await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{meetingId}/join", new { name = "Dr Host", asHost = true });
        var patients = results.Where(r => r.Type == "patient").ToList();
        Assert.All(patients, p => Assert.StartsWith("/visit/wait?pass=", p.Location));
        var joinUrls = await Task.WhenAll(patients.Select(p => JoinUrlOnceHostIsInAsync(sandbox, p.Location!)));
        Assert.All(joinUrls, url => Assert.Matches($@"/sandbox/zoom/j/{meetingId}\?pwd=.+&zak=", url));
        Assert.Equal(meetingsBefore + 1, (await sandbox.MeetingsAsync()).GetArrayLength());
    }

    /// <summary>The status asks Zoom at most every few seconds per visit: poll like the page does.</summary>
    private static async Task<string> JoinUrlOnceHostIsInAsync(SandboxedApp sandbox, string waitingUrl)
    {
        var statusUrl = "/visit/wait/status" + waitingUrl["/visit/wait".Length..];
        var status = await Eventually.HoldsAsync(async () =>
        {
            var response = await sandbox.Http.GetAsync(statusUrl);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"Waiting status {(int)response.StatusCode}: {text}");
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }, s => s.GetProperty("hostIsIn").GetBoolean(), "the host to show as in the meeting on a patient's waiting page",
            timeout: TimeSpan.FromSeconds(15), interval: TimeSpan.FromMilliseconds(250));
        return status.GetProperty("joinUrl").GetString()!;
    }

    [GeneratedRegex(@"/sandbox/zoom/(s|j)/(\d+)")]
    private static partial Regex ZoomLink();

    [GeneratedRegex(@"EZ-L\d{3}")]
    private static partial Regex ErrorCode();
}
