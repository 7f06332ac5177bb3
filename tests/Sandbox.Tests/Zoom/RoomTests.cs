using System.Net;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Zoom;

public sealed class RoomTests
{
    [Fact]
    public async Task Rooms_QueryByName_FindsSeededRoom()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);

        using var response = await zoom.SendAsync(HttpMethod.Get, "/rooms?query_name=101");
        var room = Assert.Single((await response.JsonAsync(HttpStatusCode.OK)).GetProperty("rooms").EnumerateArray());

        Assert.Equal("Room 101 - Med/Surg", room.Str("name"));
        Assert.Equal("Available", room.Str("status"));
    }

    [Fact]
    public async Task Rooms_MeetingJoin_Is202AndPutsTheRoomInTheMeeting()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (_, meeting) = await zoom.HostWithMeetingAsync(new { join_before_host = true });
        var id = meeting.GetProperty("id").GetInt64();
        using var list = await zoom.SendAsync(HttpMethod.Get, "/rooms?query_name=Room%20101");
        var roomId = (await list.JsonAsync(HttpStatusCode.OK)).GetProperty("rooms")[0].Str("id");

        using var joined = await zoom.SendAsync(HttpMethod.Patch, $"/rooms/{roomId}/events", new
        {
            method = "zoomroom.meeting_join",
            @params = new { meeting_number = id.ToString(), passcode = meeting.Str("password"), force_accept = true },
        });
        using var after = await zoom.SendAsync(HttpMethod.Get, "/rooms?query_name=Room%20101");

        Assert.Equal(HttpStatusCode.Accepted, joined.StatusCode);
        Assert.Equal("InMeeting", (await after.JsonAsync(HttpStatusCode.OK)).GetProperty("rooms")[0].Str("status"));
        var webhook = (await host.Webhooks.WaitForEventsAsync(id, "meeting.participant_joined"))["meeting.participant_joined"];
        Assert.Equal("Room 101 - Med/Surg", webhook.Participant.Str("user_name"));
    }

    [Fact]
    public async Task Rooms_MeetingJoinWithWrongPasscode_Is400()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (_, meeting) = await zoom.HostWithMeetingAsync();
        using var list = await zoom.SendAsync(HttpMethod.Get, "/rooms");
        var roomId = (await list.JsonAsync(HttpStatusCode.OK)).GetProperty("rooms")[0].Str("room_id");

        using var response = await zoom.SendAsync(HttpMethod.Patch, $"/rooms/{roomId}/events", new
        {
            method = "zoomroom.meeting_join",
            @params = new { meeting_number = meeting.GetProperty("id").GetInt64(), passcode = "nope" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
