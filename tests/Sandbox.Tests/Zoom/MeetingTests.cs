using System.Net;
using System.Net.Http.Json;
using EpicZoom.Sandbox.Tests.Infrastructure;

namespace EpicZoom.Sandbox.Tests.Zoom;

public sealed class MeetingTests
{
    [Fact]
    public async Task Meetings_CreateGetAndDelete_BehaveLikeZoom()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync();
        var id = meeting.GetProperty("id").GetInt64();

        Assert.InRange(id, 10_000_000_000, 99_999_999_999);
        Assert.Equal(user.Str("id"), meeting.Str("host_id"));
        Assert.Equal(user.Str("email"), meeting.Str("host_email"));
        Assert.Equal("waiting", meeting.Str("status"));
        Assert.Equal("Pa55-w0rd", meeting.Str("password"));
        Assert.Equal("2030-01-02T15:00:00Z", meeting.Str("start_time"));
        Assert.False(string.IsNullOrEmpty(meeting.Str("uuid")));
        Assert.StartsWith($"{host.BaseUrl}/sandbox/zoom/s/{id}?zak=", meeting.Str("start_url"));
        Assert.Equal($"{host.BaseUrl}/sandbox/zoom/j/{id}?pwd={meeting.Str("encrypted_password")}", meeting.Str("join_url"));
        Assert.False(meeting.GetProperty("settings").GetProperty("join_before_host").GetBoolean());

        using var read = await zoom.SendAsync(HttpMethod.Get, $"/meetings/{id}");
        var again = await read.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(meeting.Str("uuid"), again.Str("uuid"));
        Assert.NotEqual(meeting.Str("start_url"), again.Str("start_url"));

        using var deleted = await zoom.SendAsync(HttpMethod.Delete, $"/meetings/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await zoom.SendAsync(HttpMethod.Get, $"/meetings/{id}");
        Assert.Equal(3001, (await gone.JsonAsync(HttpStatusCode.NotFound)).GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("elevenchars")]
    [InlineData("bad pass")]
    [InlineData("semi;colon")]
    public async Task Meetings_WithInvalidPassword_Are400Code300(string password)
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var user = await zoom.CreateUserAsync("host@sandbox-hospital.example");

        using var response = await zoom.SendAsync(HttpMethod.Post, $"/users/{user.Str("id")}/meetings", new { topic = "x", type = 2, password });

        Assert.Equal(300, (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Meetings_ForUnknownHost_Are404Code1001()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);

        using var response = await zoom.SendAsync(HttpMethod.Post, "/users/nobody@sandbox-hospital.example/meetings", new { topic = "x" });

        Assert.Equal(1001, (await response.JsonAsync(HttpStatusCode.NotFound)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Meetings_WithWaitingRoom_HaveJoinBeforeHostOff()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);

        var (_, meeting) = await zoom.HostWithMeetingAsync(new { join_before_host = true, waiting_room = true });

        var settings = meeting.GetProperty("settings");
        Assert.True(settings.GetProperty("waiting_room").GetBoolean());
        Assert.False(settings.GetProperty("join_before_host").GetBoolean());
    }

    [Fact]
    public async Task Meetings_UnderLockedAccountSettings_GetTheLockedValues()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        using var locked = await host.Client.PostAsJsonAsync(
            $"/sandbox/zoom/_test/accounts/{SandboxDefaults.ZoomAccountId}/lock-settings",
            new { joinBeforeHostLocked = true, waitingRoomLocked = true, waitingRoomForcedValue = true });
        Assert.Equal(HttpStatusCode.NoContent, locked.StatusCode);

        var (_, meeting) = await zoom.HostWithMeetingAsync(new { join_before_host = true, waiting_room = false });
        using var lockResponse = await zoom.SendAsync(HttpMethod.Get, "/accounts/me/lock_settings");
        using var settingsResponse = await zoom.SendAsync(HttpMethod.Get, "/accounts/me/settings");

        Assert.True(meeting.GetProperty("settings").GetProperty("waiting_room").GetBoolean());
        Assert.False(meeting.GetProperty("settings").GetProperty("join_before_host").GetBoolean());
        var lockSettings = await lockResponse.JsonAsync(HttpStatusCode.OK);
        Assert.True(lockSettings.GetProperty("schedule_meeting").GetProperty("join_before_host").GetBoolean());
        Assert.True(lockSettings.GetProperty("meeting_security").GetProperty("waiting_room").GetBoolean());
        Assert.True((await settingsResponse.JsonAsync(HttpStatusCode.OK)).GetProperty("meeting_security").GetProperty("waiting_room").GetBoolean());
    }

    [Fact]
    public async Task Meetings_Patch_ChangesTopicAndPasscode()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (_, meeting) = await zoom.HostWithMeetingAsync();
        var id = meeting.GetProperty("id").GetInt64();

        using var patched = await zoom.SendAsync(HttpMethod.Patch, $"/meetings/{id}", new { topic = "Renamed", password = "New1" });
        using var read = await zoom.SendAsync(HttpMethod.Get, $"/meetings/{id}");

        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        var again = await read.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("Renamed", "New1"), (again.Str("topic"), again.Str("password")));
        Assert.NotEqual(meeting.Str("encrypted_password"), again.Str("encrypted_password"));
    }

    [Fact]
    public async Task Meetings_StatusEnd_EndsARunningMeeting()
    {
        await using var host = await SandboxHost.StartAsync();
        var zoom = new ZoomApi(host);
        var (user, meeting) = await zoom.HostWithMeetingAsync();
        var id = meeting.GetProperty("id").GetInt64();
        await zoom.JoinAsync(id, new { zoomUserId = user.Str("id"), asHost = true });

        using var ended = await zoom.SendAsync(HttpMethod.Put, $"/meetings/{id}/status", new { action = "end" });
        using var read = await zoom.SendAsync(HttpMethod.Get, $"/meetings/{id}");

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal("waiting", (await read.JsonAsync(HttpStatusCode.OK)).Str("status"));
        await host.Webhooks.WaitForEventsAsync(id, "meeting.ended");
    }
}
