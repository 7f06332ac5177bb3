using System.Net;
using System.Text.RegularExpressions;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using EpicZoom.Web.Tests.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Launch;

/// <summary>A three-patient group visit through the sandbox, on SQLite.</summary>
public sealed class GroupVisitTests(SandboxedApp sandbox) : GroupVisitScenarios(sandbox), IClassFixture<SandboxedApp>;

/// <summary>The same on a real PostgreSQL server.</summary>
public sealed class GroupVisitPostgresTests(PostgresSandboxedApp postgres) : GroupVisitScenarios(postgres.Sandbox), IClassFixture<PostgresSandboxedApp>;

/// <summary>
/// Epic's group visit over real HTTP: the group-visit FDI records send one conference id as <c>epicSessionId</c>
/// (<c>%CONFERENCEID%</c>) for the provider and every patient, each patient with their own MyChart identity and encounter.
/// One meeting; under the waiting-room policy the host admits the patients one by one, and each patient's own light
/// turns green in the Epic simulator only when they are admitted, and grey only when they leave.
/// </summary>
public abstract partial class GroupVisitScenarios(SandboxedApp sandbox)
{
    private const string Connected = "1";
    private const string Disconnected = "2";

    [Fact]
    public async Task ThreePatients_OneMeeting_AdmittedOneByOne_EachLitUnderTheirOwnId()
    {
        await sandbox.DbAsync(db => db.Tenants.ExecuteUpdateAsync(s => s.SetProperty(t => t.AdmittancePolicy, PatientAdmittancePolicy.HostAdmitsFromWaitingRoom)));
        var conferenceId = "G" + SandboxedApp.NewCsn();

        // The patients launch from MyChart before and after the provider: one meeting, made once.
        var early = await sandbox.LaunchAsync($"type=patient&conferenceId={conferenceId}&patientId=eGroup{conferenceId}-1&encounterProviderId=eGroupDoc{conferenceId}");
        var provider = await sandbox.LaunchAsync($"type=provider&conferenceId={conferenceId}&providerId=eGroupDoc{conferenceId}");
        var meetingId = long.Parse(MeetingLink().Match(provider.Headers.Location?.ToString() ?? "").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var later = new List<HttpResponseMessage>();
        for (var i = 2; i <= 3; i++)
            later.Add(await sandbox.LaunchAsync($"type=patient&conferenceId={conferenceId}&patientId=eGroup{conferenceId}-{i}"));
        foreach (var patientLaunch in later.Prepend(early))
        {
            Assert.Equal(HttpStatusCode.Redirect, patientLaunch.StatusCode);
            Assert.StartsWith("/visit/wait?pass=", patientLaunch.Headers.Location!.ToString());
        }

        var visit = await sandbox.DbAsync(db => db.VideoVisits.AsNoTracking().Include(v => v.Participants).SingleAsync(v => v.Csn == conferenceId));
        Assert.Equal(meetingId, visit.ZoomMeetingId);
        var patients = visit.Participants.Where(p => p.Role == ParticipantRole.Patient).OrderBy(p => p.FirstLaunchedAtUtc).ToList();
        Assert.Equal(3, patients.Count);
        Assert.Equal(3, patients.Select(p => p.EpicId).Distinct().Count());
        Assert.Equal(3, patients.Select(p => p.ZoomUserId).Distinct().Count());
        Assert.All(patients, p => Assert.False(p.IsHost));
        Assert.Single((await sandbox.MeetingsAsync()).EnumerateArray(), m => m.GetProperty("id").GetInt64() == meetingId);

        // The host is in; the patients knock and wait in Zoom's waiting room: no patient is lit yet.
        await sandbox.JoinAsync(meetingId, visit.HostZoomUserId!, asHost: true);
        var seats = new List<string>();
        foreach (var patient in patients)
        {
            var joined = await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{meetingId}/join", new { zoomUserId = patient.ZoomUserId, asHost = false });
            Assert.Equal("waiting", joined.GetProperty("state").GetString());
            seats.Add(joined.GetProperty("participantId").GetString()!);
        }

        var host = visit.Participants.Single(p => p.IsHost).EpicId;
        await LightsAsync(conferenceId, lights => lights.ContainsKey(host), "the host's light");
        var waiting = await sandbox.AcceptedByPersonAsync(conferenceId);
        Assert.All(patients, p => Assert.False(waiting.ContainsKey(p.EpicId), $"{p.EpicId} lit while in the waiting room"));

        // Admitted one by one: each admission lights that patient, and only that patient.
        for (var i = 0; i < patients.Count; i++)
        {
            await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{meetingId}/admit", new { participantId = seats[i] });
            var admitted = patients[i].EpicId;
            var lights = await LightsAsync(conferenceId, l => l.GetValueOrDefault(admitted) is [.., Connected], $"patient {i + 1}'s light after admission");
            for (var j = i + 1; j < patients.Count; j++)
                Assert.False(lights.ContainsKey(patients[j].EpicId), $"patient {j + 1} lit before being admitted");
        }

        // The second patient leaves: their light turns grey; the others stay green.
        await sandbox.LeaveAsync(meetingId, seats[1]);
        var after = await LightsAsync(conferenceId, l => l.GetValueOrDefault(patients[1].EpicId) is [.., Disconnected], "patient 2's light after leaving");
        Assert.Equal([Connected], after[patients[0].EpicId]);
        Assert.Equal([Connected], after[patients[2].EpicId]);
        Assert.Equal([Connected, Disconnected], after[patients[1].EpicId]);

        // Every report went to the group's conference id, and Hyperspace's schedule shows the four people of the group.
        var reports = await sandbox.EpicReportsAsync(conferenceId);
        Assert.Equal(5, reports.Count(r => r.GetProperty("statusCode").GetInt32() == 200));
        var schedule = await sandbox.Http.GetStringAsync("/sandbox/epic/schedule");
        foreach (var person in patients.Select(p => p.EpicId).Append(host))
            Assert.Contains(person, schedule);
    }

    private Task<Dictionary<string, List<string>>> LightsAsync(string conferenceId, Func<Dictionary<string, List<string>>, bool> done, string what) =>
        WebhookTestKit.EventuallyAsync(() => sandbox.AcceptedByPersonAsync(conferenceId), done, what);

    [GeneratedRegex(@"/s/(\d+)")]
    private static partial Regex MeetingLink();
}
