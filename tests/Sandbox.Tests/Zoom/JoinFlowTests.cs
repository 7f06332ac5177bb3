using System.Net;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Zoom;

/// <summary>Joining through the test API: the meeting rules and the signed webhooks they cause.</summary>
public sealed class JoinFlowTests
{
    [Fact]
    public async Task HostJoin_SendsSignedMeetingStartedAndParticipantJoined_AfterUrlValidation()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync();
        var id = meeting.GetProperty("id").GetInt64();

        var joined = await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });

        Assert.Equal("joined", joined.Str("state"));
        var events = await host.Webhooks.WaitForEventsAsync(id, "meeting.started", "meeting.participant_joined");
        Assert.Equal("endpoint.url_validation", host.Webhooks.All[0].Event);
        Assert.All(host.Webhooks.All, w => Assert.True(w.SignatureValid, w.Event));
        var started = events["meeting.started"].Body;
        Assert.Equal(SandboxDefaults.ZoomAccountId, started.GetProperty("payload").Str("account_id"));
        var startedObject = started.GetProperty("payload").GetProperty("object");
        Assert.Equal((id.ToString(), meeting.Str("uuid"), user.Str("id"), "Video visit"),
            (startedObject.Str("id"), startedObject.Str("uuid"), startedObject.Str("host_id"), startedObject.Str("topic")));
        Assert.True(started.GetProperty("event_ts").GetInt64() > 1_700_000_000_000);
        var participant = events["meeting.participant_joined"].Participant;
        Assert.Equal(joined.Str("participantId"), participant.Str("user_id"));
        Assert.Equal(user.Str("id"), participant.Str("id"));
        Assert.Equal(user.Str("id"), participant.Str("participant_user_id"));
        Assert.Equal("Dana Doctor", participant.Str("user_name"));
        Assert.False(string.IsNullOrEmpty(participant.Str("join_time")));
    }

    [Fact]
    public async Task Attendee_BeforeHostWithoutJoinBeforeHost_WaitsForHost()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync(new { join_before_host = false, waiting_room = false });
        var id = meeting.GetProperty("id").GetInt64();

        var patient = await zoom.JoinAsync(id, new { name = "Pat Patient" });
        Assert.Equal("waiting_for_host", patient.Str("state"));

        await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });
        var meetings = await host.Client.JsonAsync("/sandbox/zoom/_test/meetings?topic=Video%20visit");

        var participants = meetings[0].GetProperty("participants").EnumerateArray().ToList();
        Assert.All(participants, p => Assert.Equal("joined", p.Str("state")));
        var joins = await host.Webhooks.WaitForAsync(w => w.Event == "meeting.participant_joined", count: 2);
        Assert.Contains(joins, w => w.Participant.Str("user_name") == "Pat Patient");
    }

    [Fact]
    public async Task Attendee_WithJoinBeforeHost_StartsTheMeeting()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (_, meeting) = await zoom.HostWithMeetingAsync(new { join_before_host = true, waiting_room = false });
        var id = meeting.GetProperty("id").GetInt64();

        var patient = await zoom.JoinAsync(id, new { name = "Early Patient" });

        Assert.Equal("joined", patient.Str("state"));
        await host.Webhooks.WaitForEventsAsync(id, "meeting.started", "meeting.participant_joined");
    }

    [Fact]
    public async Task WaitingRoom_SendsJoinedWaitingRoomThenAdmittedAndJoined()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync(new { waiting_room = true });
        var id = meeting.GetProperty("id").GetInt64();
        await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });

        var patient = await zoom.JoinAsync(id, new { name = "Pat Patient", customerKey = "csn-42" });
        Assert.Equal("waiting", patient.Str("state"));
        var waiting = (await host.Webhooks.WaitForEventsAsync(id, "meeting.participant_joined_waiting_room"))["meeting.participant_joined_waiting_room"];
        Assert.Equal("csn-42", waiting.Participant.Str("customer_key"));
        Assert.False(string.IsNullOrEmpty(waiting.Participant.Str("date_time")));

        using var admitted = await zoom.TestActionAsync(id, "admit", patient.Str("participantId"));
        Assert.Equal(HttpStatusCode.NoContent, admitted.StatusCode);

        await host.Webhooks.WaitForEventsAsync(id, "meeting.participant_admitted");
        var joins = await host.Webhooks.WaitForAsync(w => w.Event == "meeting.participant_joined", count: 2);
        Assert.Equal(patient.Str("participantId"), joins[1].Participant.Str("user_id"));

        using var again = await zoom.TestActionAsync(id, "admit", patient.Str("participantId"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Joiner_WithTheEmailOfAnAccountUser_IsThatZoomUserInWebhooks()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync(new { join_before_host = true });
        var patientUser = await zoom.CreateUserAsync("patient.1@patients.sandbox-hospital.example", "Pat", "Patient");
        var id = meeting.GetProperty("id").GetInt64();

        await zoom.JoinAsync(id, new { email = "patient.1@patients.sandbox-hospital.example" });

        var joined = (await host.Webhooks.WaitForEventsAsync(id, "meeting.participant_joined"))["meeting.participant_joined"];
        Assert.Equal(patientUser.Str("id"), joined.Participant.Str("id"));
        Assert.Equal(patientUser.Str("id"), joined.Participant.Str("participant_user_id"));
        Assert.Equal("patient.1@patients.sandbox-hospital.example", joined.Participant.Str("email"));
        Assert.NotEqual(user.Str("id"), joined.Participant.Str("id"));
    }

    [Fact]
    public async Task LastParticipantLeaving_EndsTheMeeting()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync();
        var id = meeting.GetProperty("id").GetInt64();
        var joined = await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });

        using var left = await zoom.TestActionAsync(id, "leave", joined.Str("participantId"));

        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        var events = await host.Webhooks.WaitForEventsAsync(id, "meeting.participant_left", "meeting.ended");
        Assert.Equal("left the meeting. Reason : left the meeting", events["meeting.participant_left"].Participant.Str("leave_reason"));
        Assert.False(string.IsNullOrEmpty(events["meeting.ended"].Body.GetProperty("payload").GetProperty("object").Str("end_time")));
    }

    [Fact]
    public async Task RestartedMeeting_GetsANewInstanceUuid()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync();
        var id = meeting.GetProperty("id").GetInt64();
        var first = await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });
        using var left = await zoom.TestActionAsync(id, "leave", first.Str("participantId"));

        await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });

        var starts = await host.Webhooks.WaitForAsync(w => w.Event == "meeting.started", count: 2);
        Assert.NotEqual(starts[0].Body.GetProperty("payload").GetProperty("object").Str("uuid"), starts[1].Body.GetProperty("payload").GetProperty("object").Str("uuid"));
    }
}
