using System.Net;
using System.Text.Json;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Zoom;

/// <summary>The pages behind start_url and join_url, driven through the calls their script makes.</summary>
public sealed class JoinPageTests
{
    [Fact]
    public async Task StartUrl_WithValidZak_ShowsHostPageAndStartsTheMeeting()
    {
        await using var host = await SandboxHost.StartAsync();
        var (meeting, _) = await CreateMeetingAsync(host, waitingRoom: false);

        var html = await host.Client.GetStringAsync(meeting.Str("start_url"));
        var hostSeat = await JoinAsHostAsync(host, meeting);
        var status = await SeatAsync(host, meeting, hostSeat.Str("seat"));

        Assert.Contains("Start meeting", html);
        Assert.Contains("Dana Doctor", html);
        Assert.Equal("joined", hostSeat.Str("state"));
        Assert.True(status.GetProperty("isHost").GetBoolean());
        Assert.Equal("started", status.Str("meetingStatus"));
        await host.Webhooks.WaitForEventsAsync(meeting.GetProperty("id").GetInt64(), "meeting.started", "meeting.participant_joined");
    }

    [Fact]
    public async Task StartUrl_WithInvalidZak_Is401()
    {
        await using var host = await SandboxHost.StartAsync();
        var (meeting, _) = await CreateMeetingAsync(host, waitingRoom: false);

        using var response = await host.Client.GetAsync($"/sandbox/zoom/s/{meeting.GetProperty("id").GetInt64()}?zak=forged");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task JoinUrl_WithWrongPasscode_Is403()
    {
        await using var host = await SandboxHost.StartAsync();
        var (meeting, _) = await CreateMeetingAsync(host, waitingRoom: false);

        using var response = await host.Client.GetAsync($"/sandbox/zoom/j/{meeting.GetProperty("id").GetInt64()}?pwd=wrong");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task JoinUrl_WithPasscodeAndIdentity_ShowsJoinFormWithEncodedValues()
    {
        await using var host = await SandboxHost.StartAsync();
        var (meeting, _) = await CreateMeetingAsync(host, waitingRoom: false);

        var html = await host.Client.GetStringAsync(meeting.Str("join_url") + "&name=%3Cb%3EPat&email=pat%40example.org&customer_key=k1");

        Assert.Contains("id=\"join-form\"", html);
        Assert.Contains("&lt;b&gt;Pat", html);
        Assert.DoesNotContain("<b>Pat", html);
        Assert.Contains("value=\"k1\"", html);
    }

    [Fact]
    public async Task WaitingRoom_HostAdmitsTheAttendeeFromTheHostPage()
    {
        await using var host = await SandboxHost.StartAsync();
        var (meeting, _) = await CreateMeetingAsync(host, waitingRoom: true);
        var hostSeat = await JoinAsHostAsync(host, meeting);

        var attendee = await PostFormAsync(host, $"/sandbox/zoom/j/{meeting.GetProperty("id").GetInt64()}/join", new()
        {
            ["pwd"] = meeting.Str("encrypted_password"),
            ["name"] = "Pat Patient",
        });
        Assert.Equal("waiting", attendee.Str("state"));
        var waitingRoom = (await SeatAsync(host, meeting, hostSeat.Str("seat"))).GetProperty("waitingRoom");
        Assert.Equal("Pat Patient", Assert.Single(waitingRoom.EnumerateArray()).Str("name"));

        using var refused = await PostAsync(host, meeting, attendee.Str("seat"), "admit", attendee.Str("participantId"));
        using var admitted = await PostAsync(host, meeting, hostSeat.Str("seat"), "admit", attendee.Str("participantId"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, admitted.StatusCode);
        Assert.Equal("joined", (await SeatAsync(host, meeting, attendee.Str("seat"))).Str("state"));
    }

    [Fact]
    public async Task Attendee_LeavingFromThePage_IsLeft()
    {
        await using var host = await SandboxHost.StartAsync();
        var (meeting, _) = await CreateMeetingAsync(host, waitingRoom: false);
        await JoinAsHostAsync(host, meeting);
        var attendee = await PostFormAsync(host, $"/sandbox/zoom/j/{meeting.GetProperty("id").GetInt64()}/join", new()
        {
            ["pwd"] = meeting.Str("password"),
            ["name"] = "Pat Patient",
        });

        using var left = await PostAsync(host, meeting, attendee.Str("seat"), "leave");

        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        Assert.Equal("left", (await SeatAsync(host, meeting, attendee.Str("seat"))).Str("state"));
        var leftEvent = await host.Webhooks.WaitForAsync(w => w.Event == "meeting.participant_left");
        Assert.Equal("Pat Patient", leftEvent[0].Participant.Str("user_name"));
    }

    private static async Task<(JsonElement Meeting, JsonElement Host)> CreateMeetingAsync(SandboxHost host, bool waitingRoom)
    {
        var (user, meeting) = await new ZoomApi(host).HostWithMeetingAsync(new { waiting_room = waitingRoom });
        return (meeting, user);
    }

    private static Task<JsonElement> JoinAsHostAsync(SandboxHost host, JsonElement meeting)
    {
        var zak = SmartFlow.Query(new Uri(meeting.Str("start_url")))["zak"];
        return PostFormAsync(host, $"/sandbox/zoom/s/{meeting.GetProperty("id").GetInt64()}/join", new() { ["zak"] = zak, ["name"] = "Dana Doctor" });
    }

    private static async Task<JsonElement> PostFormAsync(SandboxHost host, string path, Dictionary<string, string> form)
    {
        using var response = await host.Client.PostAsync(path, new FormUrlEncodedContent(form));
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    private static Task<JsonElement> SeatAsync(SandboxHost host, JsonElement meeting, string seat) =>
        host.Client.JsonAsync($"/sandbox/zoom/wc/{meeting.GetProperty("id").GetInt64()}/{seat}");

    private static Task<HttpResponseMessage> PostAsync(SandboxHost host, JsonElement meeting, string seat, string action, string? participantId = null) =>
        host.Client.PostAsync(
            $"/sandbox/zoom/wc/{meeting.GetProperty("id").GetInt64()}/{seat}/{action}",
            new FormUrlEncodedContent(participantId is null ? [] : new Dictionary<string, string> { ["participantId"] = participantId }));
}
