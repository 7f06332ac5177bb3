using System.Net;
using System.Net.Http.Json;
using EpicZoom.Sandbox.Tests.Infrastructure;
using EpicZoom.Sandbox.Zoom.Meetings;

namespace EpicZoom.Sandbox.Tests.Zoom;

/// <summary>The simulator sends what real Zoom sends (shared/spec/zoom.md §4): concurrently, and in every shape EpicZoom must understand.</summary>
public sealed class WebhookShapesTests
{
    [Fact]
    public async Task Deliveries_AreConcurrent_SeveralInFlightAtOnce()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync(new { join_before_host = true });
        var id = meeting.GetProperty("id").GetInt64();
        host.Webhooks.EventDelay = TimeSpan.FromMilliseconds(400);

        await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });
        for (var i = 0; i < 4; i++) await zoom.JoinAsync(id, new { name = "Guest " + i });

        await host.Webhooks.WaitForAsync(w => w.Event == "meeting.participant_joined" && w.MeetingId == id.ToString(), count: 5);
        Assert.True(host.Webhooks.MaxInFlight >= 2, $"at most {host.Webhooks.MaxInFlight} delivery in flight");
    }

    [Fact]
    public async Task Deliveries_OneAtATime_WhenConcurrencyIsOne()
    {
        await using var host = await SandboxHost.StartAsync(o => o.WebhookMaxConcurrency = 1);
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync(new { join_before_host = true });
        var id = meeting.GetProperty("id").GetInt64();
        host.Webhooks.EventDelay = TimeSpan.FromMilliseconds(100);

        await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });
        await zoom.JoinAsync(id, new { name = "Guest" });

        await host.Webhooks.WaitForAsync(w => w.Event == "meeting.participant_joined" && w.MeetingId == id.ToString(), count: 2);
        Assert.Equal(1, host.Webhooks.MaxInFlight);
    }

    [Fact]
    public async Task Leave_CarriesJoinTimeAndLeaveTime()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync();
        var id = meeting.GetProperty("id").GetInt64();
        var joined = await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });

        (await zoom.TestActionAsync(id, "leave", joined.Str("participantId"))).EnsureSuccessStatusCode();

        var left = (await host.Webhooks.WaitForEventsAsync(id, "meeting.participant_left"))["meeting.participant_left"].Participant;
        var join = (await host.Webhooks.WaitForEventsAsync(id, "meeting.participant_joined"))["meeting.participant_joined"].Participant;
        Assert.Equal(join.Str("join_time"), left.Str("join_time"));
        Assert.False(string.IsNullOrEmpty(left.Str("leave_time")));
        Assert.Equal(join.Str("participant_uuid"), left.Str("participant_uuid"));
    }

    [Fact]
    public async Task NotSignedInJoin_HasEmptyId_AndTheTypedEmail()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync(new { join_before_host = true });
        var id = meeting.GetProperty("id").GetInt64();

        await zoom.JoinAsync(id, new { email = user.Str("email"), name = "Typed Name", signedIn = false });

        var participant = (await host.Webhooks.WaitForEventsAsync(id, "meeting.participant_joined"))["meeting.participant_joined"].Participant;
        Assert.Equal(("", "", user.Str("email")), (participant.Str("id"), participant.Str("participant_user_id"), participant.Str("email")));
        Assert.All(participant.Str("user_id")!, c => Assert.True(char.IsAsciiDigit(c)));
    }

    [Fact]
    public async Task TwoDevicesOfOneUser_AreTwoParticipantUuids()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync();
        var id = meeting.GetProperty("id").GetInt64();

        await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });
        await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });

        var joins = await host.Webhooks.WaitForAsync(w => w.Event == "meeting.participant_joined" && w.MeetingId == id.ToString(), count: 2);
        Assert.All(joins, j => Assert.Equal(user.Str("id"), j.Participant.Str("id")));
        Assert.NotEqual(joins[0].Participant.Str("participant_uuid"), joins[1].Participant.Str("participant_uuid"));
    }

    [Fact]
    public async Task BreakoutRoom_ThereAndBack_SendsZoomsRoomMoveEvents_OnOneSession()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync();
        var id = meeting.GetProperty("id").GetInt64();
        var joined = await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });
        var uuid = (await host.Webhooks.WaitForEventsAsync(id, "meeting.participant_joined"))["meeting.participant_joined"].Participant.Str("participant_uuid");

        (await zoom.TestActionAsync(id, "breakout", joined.Str("participantId"))).EnsureSuccessStatusCode();
        (await zoom.TestActionAsync(id, "main", joined.Str("participantId"))).EnsureSuccessStatusCode();

        var lefts = await host.Webhooks.WaitForAsync(w => w.Event == "meeting.participant_left" && w.MeetingId == id.ToString(), count: 2);
        Assert.Equal(
            [Meeting.ToMainMeetingReason, Meeting.ToBreakoutRoomReason],
            lefts.Select(l => l.Participant.Str("leave_reason")).Order(StringComparer.Ordinal));
        Assert.All(lefts, l => Assert.Equal(uuid, l.Participant.Str("participant_uuid")));
        await host.Webhooks.WaitForAsync(w => w.Event == "meeting.participant_joined" && w.MeetingId == id.ToString(), count: 3);
        var room = (await host.Webhooks.WaitForEventsAsync(id, "meeting.participant_joined_breakout_room", "meeting.participant_left_breakout_room"));
        Assert.Equal(joined.Str("participantId"), room["meeting.participant_joined_breakout_room"].Participant.Str("parent_user_id"));
        Assert.False(string.IsNullOrEmpty(room["meeting.participant_joined_breakout_room"].Body.GetProperty("payload").GetProperty("object").Str("breakout_room_uuid")));
        Assert.Equal(Meeting.LeaveBreakoutRoomReason, room["meeting.participant_left_breakout_room"].Participant.Str("leave_reason"));
        Assert.Equal(HttpStatusCode.Conflict, (await zoom.TestActionAsync(id, "main", joined.Str("participantId"))).StatusCode);
    }

    [Theory]
    [InlineData("rtms.started", false)]
    [InlineData("app.deauthorized", true)]
    public async Task AnyEvent_WithoutAccountId_IsSignedAndSent(string eventName, bool eventTsAsString)
    {
        await using var host = await SandboxHost.StartAsync();

        using var response = await host.Client.PostAsJsonAsync("/sandbox/zoom/_test/events",
            new { @event = eventName, eventTsAsString, payload = new { @object = new { rtms_stream_id = "s1" } } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = (await host.Webhooks.WaitForAsync(w => w.Event == eventName))[0];
        Assert.True(sent.SignatureValid);
        Assert.False(sent.Body.GetProperty("payload").TryGetProperty("account_id", out _));
        Assert.Equal(eventTsAsString ? System.Text.Json.JsonValueKind.String : System.Text.Json.JsonValueKind.Number, sent.Body.GetProperty("event_ts").ValueKind);
    }
}
