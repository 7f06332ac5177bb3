using System.Net;
using System.Net.Http.Json;
using EpicZoom.Domain.ZoomAccounts;
using EpicZoom.Web.Tests.Launch;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// End to end through the Zoom simulator (concurrent, unordered deliveries in Zoom's real shapes) to the green light
/// the Epic simulator received (docs/sandbox-zoom-webhooks.md).
/// </summary>
public sealed class SimulatedZoomShapesTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    private const string Connected = "1";
    private const string Disconnected = "2";

    [Fact]
    public async Task NotSignedInPatient_ToABreakoutRoomAndBack_ThenLeaving_IsOneConnectedAndOneDisconnected()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var email = await sandbox.DbAsync(db => db.ZoomAccounts.AsNoTracking()
            .Where(a => a.Kind == ZoomAccountKind.Patient && a.ZoomUserId == visit.PatientZoomUserId).Select(a => a.Email).SingleAsync());
        await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        var patient = (await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{visit.MeetingId}/join", new { email, name = "Pat", signedIn = false }))
            .GetProperty("participantId").GetString()!;
        await AcceptedAsync(visit, visit.PatientEpicId, [Connected]);

        await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{visit.MeetingId}/breakout", new { participantId = patient });
        await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{visit.MeetingId}/main", new { participantId = patient });
        await sandbox.LeaveAsync(visit.MeetingId, patient);

        Assert.Equal([Connected, Disconnected], await AcceptedAsync(visit, visit.PatientEpicId, [Connected, Disconnected]));
        var deliveries = await sandbox.Http.GetFromJsonAsync<List<System.Text.Json.JsonElement>>($"/sandbox/zoom/_test/webhook-deliveries?meetingId={visit.MeetingId}");
        Assert.Contains(deliveries!, d => d.GetProperty("event").GetString() == "meeting.participant_joined_breakout_room");
    }

    [Fact]
    public async Task ProviderOnTwoDevices_StaysGreenUntilTheSecondLeaves()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var phone = await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        var laptop = await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        await AcceptedAsync(visit, visit.HostEpicId, [Connected]);

        await sandbox.LeaveAsync(visit.MeetingId, phone);
        await WebhookTestKit.EventuallyAsync(
            () => sandbox.DbAsync(db => db.WebhookEvents.CountAsync(e => e.EventType == "meeting.participant_left" && e.ProcessedAtUtc == null)),
            n => n == 0, "the first device's leave processed");
        Assert.Equal([Connected], (await sandbox.AcceptedByPersonAsync(visit.Csn))[visit.HostEpicId]);

        await sandbox.LeaveAsync(visit.MeetingId, laptop);
        Assert.Equal([Connected, Disconnected], await AcceptedAsync(visit, visit.HostEpicId, [Connected, Disconnected]));
    }

    [Fact]
    public async Task EventWithoutAccountId_FromTheSimulator_IsAcknowledgedFirstTime()
    {
        var response = await sandbox.Http.PostAsJsonAsync("/sandbox/zoom/_test/events", new { @event = "rtms.started", eventTsAsString = true });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var delivery = await WebhookTestKit.EventuallyAsync(
            async () => (await sandbox.Http.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/sandbox/zoom/_test/webhook-deliveries?event=rtms.started"))!,
            d => d.Count > 0, "the rtms.started delivery");
        Assert.Equal((1, true, 204), (delivery[0].GetProperty("attempt").GetInt32(), delivery[0].GetProperty("delivered").GetBoolean(), delivery[0].GetProperty("statusCode").GetInt32()));
    }

    private async Task<List<string>> AcceptedAsync(Visit visit, string epicId, List<string> expected) =>
        (await WebhookTestKit.EventuallyAsync(() => sandbox.AcceptedByPersonAsync(visit.Csn),
            a => a.TryGetValue(epicId, out var codes) && codes.Count >= expected.Count, $"Epic to accept {string.Join(",", expected)}"))[epicId];
}
