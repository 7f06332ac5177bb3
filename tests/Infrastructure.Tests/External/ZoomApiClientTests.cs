using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces.External;
using Microsoft.AspNetCore.Http;

namespace EpicZoom.Infrastructure.Tests.External;

public sealed class ZoomApiClientTests : SandboxTest
{
    private const string TokenPath = "/sandbox/zoom/oauth/token";

    private static readonly ZoomMeetingSettings Settings = new(JoinBeforeHost: true, WaitingRoom: false, HostVideo: true, ParticipantVideo: true, MuteUponEntry: true);

    [Fact]
    public async Task TheAccountToken_IsRequestedOnceAndSharedByConcurrentCalls()
    {
        var zoom = Sandbox.ZoomTenant();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Sandbox.Zoom.GetLockSettingsAsync(zoom, default))));
        await Sandbox.Zoom.GetUserAsync(zoom, "nobody@example.org", default);

        var token = Assert.Single(Sandbox.Requests.To("POST", TokenPath));
        Assert.Equal("Basic", token.AuthorizationScheme);
        Assert.Contains("grant_type=account_credentials", token.Body);
        Assert.Contains("account_id=" + SandboxServer.ZoomAccountId, token.Body);
        Assert.All(Sandbox.Requests.All.Where(r => r.Path.StartsWith("/sandbox/zoom/v2/", StringComparison.Ordinal)), r => Assert.Equal("Bearer", r.AuthorizationScheme));
    }

    [Fact]
    public async Task EachTenant_GetsItsOwnTokenAndSeesOnlyItsOwnUsers()
    {
        var created = await Sandbox.Zoom.CreateUserAsync(Sandbox.ZoomTenant(), new ZoomUserToCreate("dana@tenant-a.example", "Dana", "Doctor", 2), default);

        var fromOtherTenant = await Sandbox.Zoom.GetUserAsync(Sandbox.OtherZoomTenant(), created.Id, default);

        Assert.Null(fromOtherTenant);
        Assert.Equal(2, Sandbox.Requests.Count("POST", TokenPath));
    }

    [Fact]
    public async Task CreateUser_UsesCustCreateAndTheUserIsFoundByEmailAndById()
    {
        var zoom = Sandbox.ZoomTenant();

        var created = await Sandbox.Zoom.CreateUserAsync(zoom, new ZoomUserToCreate("dana+1@tenant-a.example", "Dana", "Doctor", 2), default);
        var byEmail = await Sandbox.Zoom.GetUserAsync(zoom, "dana+1@tenant-a.example", default);
        var byId = await Sandbox.Zoom.GetUserAsync(zoom, created.Id, default);

        Assert.Equal(new ZoomUser(created.Id, "dana+1@tenant-a.example", "Dana", "Doctor", 2), created);
        Assert.Equal(created, byEmail);
        Assert.Equal(created, byId);
        using var body = JsonDocument.Parse(Assert.Single(Sandbox.Requests.To("POST", "/sandbox/zoom/v2/users")).Body);
        Assert.Equal("custCreate", body.RootElement.GetProperty("action").GetString());
        Assert.Equal("Dana", body.RootElement.GetProperty("user_info").GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task CreateUser_WithATakenEmail_ThrowsZoomCode1005()
    {
        var zoom = Sandbox.ZoomTenant();
        var user = new ZoomUserToCreate("taken@tenant-a.example", "Sam", "Taken", 1);
        await Sandbox.Zoom.CreateUserAsync(zoom, user, default);

        var error = await Assert.ThrowsAsync<ZoomApiException>(() => Sandbox.Zoom.CreateUserAsync(zoom, user, default));

        Assert.Equal(1005, error.ZoomCode);
        Assert.Equal(409, error.HttpStatus);
    }

    [Fact]
    public async Task GetUser_ForAnUnknownUser_ReturnsNull()
    {
        Assert.Null(await Sandbox.Zoom.GetUserAsync(Sandbox.ZoomTenant(), "nobody@tenant-a.example", default));
    }

    [Fact]
    public async Task DeleteUser_RemovesTheUserAndDeletingAgainIsHarmless()
    {
        var zoom = Sandbox.ZoomTenant();
        var user = await Sandbox.Zoom.CreateUserAsync(zoom, new ZoomUserToCreate("temp@tenant-a.example", "Temp", "Patient", 1), default);

        await Sandbox.Zoom.DeleteUserAsync(zoom, user.Id, default);
        await Sandbox.Zoom.DeleteUserAsync(zoom, user.Id, default);

        Assert.Null(await Sandbox.Zoom.GetUserAsync(zoom, user.Id, default));
    }

    [Fact]
    public async Task CreateMeeting_ReturnsTheMeetingAndReadingItBackGivesTheSameSettings()
    {
        var zoom = Sandbox.ZoomTenant();
        var host = await Sandbox.Zoom.CreateUserAsync(zoom, new ZoomUserToCreate("host@tenant-a.example", "Dana", "Doctor", 2), default);
        var start = new DateTime(2027, 3, 4, 15, 30, 0, DateTimeKind.Utc);

        var created = await Sandbox.Zoom.CreateMeetingAsync(zoom, host.Id, new ZoomMeetingToCreate("Video visit", start, 30, "Ab3@-_*x", Settings), default);
        var read = await Sandbox.Zoom.GetMeetingAsync(zoom, created.Id, default);

        Assert.True(created.Id > 0);
        Assert.Equal(host.Id, created.HostId);
        Assert.Equal("Video visit", created.Topic);
        Assert.Equal("waiting", created.Status);
        Assert.Equal("Ab3@-_*x", created.Password);
        Assert.Equal(Settings, created.Settings);
        Assert.Contains("/s/" + created.Id, created.StartUrl);
        Assert.Contains("/j/" + created.Id, created.JoinUrl);
        Assert.NotNull(read);
        Assert.Equal(created with { StartUrl = read.StartUrl }, read);
        using var body = JsonDocument.Parse(Assert.Single(Sandbox.Requests.To("POST", $"/sandbox/zoom/v2/users/{host.Id}/meetings")).Body);
        Assert.Equal("2027-03-04T15:30:00Z", body.RootElement.GetProperty("start_time").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("type").GetInt32());
    }

    [Fact]
    public async Task CreateMeeting_OnAnAccountThatLocksTheWaitingRoom_ReportsTheSettingZoomApplied()
    {
        var zoom = Sandbox.ZoomTenant();
        await LockAsync(joinBeforeHost: false, waitingRoom: true, waitingRoomForced: true);
        var host = await Sandbox.Zoom.CreateUserAsync(zoom, new ZoomUserToCreate("locked@tenant-a.example", "Dana", "Doctor", 2), default);

        var meeting = await Sandbox.Zoom.CreateMeetingAsync(zoom, host.Id, new ZoomMeetingToCreate("Visit", DateTime.UtcNow, 30, "123456", Settings with { JoinBeforeHost = false }), default);

        Assert.True(meeting.Settings.WaitingRoom);
    }

    [Fact]
    public async Task GetMeeting_ForAnUnknownMeeting_ReturnsNull()
    {
        Assert.Null(await Sandbox.Zoom.GetMeetingAsync(Sandbox.ZoomTenant(), 81234567890, default));
    }

    [Fact]
    public async Task ARoomFoundByName_JoinsTheMeeting()
    {
        var zoom = Sandbox.ZoomTenant();
        var meeting = await CreateMeetingAsync(zoom);

        var room = Assert.Single(await Sandbox.Zoom.FindRoomsAsync(zoom, "ICU 4", default));
        await Sandbox.Zoom.JoinRoomToMeetingAsync(zoom, room.Id, meeting.Id, meeting.Password, default);

        Assert.Equal("ICU 4 - Bed 2", room.Name);
        Assert.Equal("Available", room.Status);
        Assert.Equal("InMeeting", Assert.Single(await Sandbox.Zoom.FindRoomsAsync(zoom, "ICU 4", default)).Status);
        var participants = (await Sandbox.ZoomMeetingsAsync()).Single(m => m.GetProperty("id").GetInt64() == meeting.Id).GetProperty("participants");
        Assert.Contains(participants.EnumerateArray(), p => p.GetProperty("name").GetString() == "ICU 4 - Bed 2");
        using var body = JsonDocument.Parse(Assert.Single(Sandbox.Requests.To("PATCH", $"/sandbox/zoom/v2/rooms/{room.Id}/events")).Body);
        Assert.Equal("zoomroom.meeting_join", body.RootElement.GetProperty("method").GetString());
        Assert.True(body.RootElement.GetProperty("params").GetProperty("force_accept").GetBoolean());
    }

    [Fact]
    public async Task JoiningARoomWithTheWrongPasscode_ThrowsZoomApiException()
    {
        var zoom = Sandbox.ZoomTenant();
        var meeting = await CreateMeetingAsync(zoom);
        var room = (await Sandbox.Zoom.FindRoomsAsync(zoom, "Room", default))[0];

        var error = await Assert.ThrowsAsync<ZoomApiException>(() => Sandbox.Zoom.JoinRoomToMeetingAsync(zoom, room.Id, meeting.Id, "wrong", default));

        Assert.Equal(3004, error.ZoomCode);
    }

    [Fact]
    public async Task LockSettings_ReportWhatTheAccountAdminLocked()
    {
        var zoom = Sandbox.ZoomTenant();
        Assert.Equal(new ZoomLockSettings(false, false), await Sandbox.Zoom.GetLockSettingsAsync(zoom, default));

        await LockAsync(joinBeforeHost: true, waitingRoom: true, waitingRoomForced: true);

        Assert.Equal(new ZoomLockSettings(true, true), await Sandbox.Zoom.GetLockSettingsAsync(zoom, default));
    }

    [Fact]
    public async Task ARateLimitedCall_IsRepeatedAfterRetryAfterAndSucceeds()
    {
        var zoom = Sandbox.ZoomTenant();
        var user = await Sandbox.Zoom.CreateUserAsync(zoom, new ZoomUserToCreate("busy@tenant-a.example", "Busy", "Day", 1), default);
        await Sandbox.AddFaultAsync("zoom", "users", 429, failNext: 1);
        var watch = Stopwatch.StartNew();

        var read = await Sandbox.Zoom.GetUserAsync(zoom, user.Id, default);

        Assert.Equal(user, read);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"waited only {watch.Elapsed}");
        Assert.Equal(2, Sandbox.Requests.Count("GET", $"/sandbox/zoom/v2/users/{user.Id}"));
    }

    [Fact]
    public async Task ARateLimitedPost_IsRepeatedToo()
    {
        await Sandbox.AddFaultAsync("zoom", "users", 429, failNext: 1);

        var user = await Sandbox.Zoom.CreateUserAsync(Sandbox.ZoomTenant(), new ZoomUserToCreate("retry@tenant-a.example", "Re", "Try", 1), default);

        Assert.Equal("retry@tenant-a.example", user.Email);
        Assert.Equal(2, Sandbox.Requests.Count("POST", "/sandbox/zoom/v2/users"));
    }

    [Fact]
    public async Task ARateLimitWithARetryAfterBeyondTheCap_FailsAtOnce()
    {
        Sandbox.Fake = http =>
        {
            http.Response.Headers.RetryAfter = "3600";
            return Task.FromResult(Results.Json(new { code = 429, message = "Daily limit reached." }, statusCode: 429));
        };
        var zoom = Sandbox.ZoomTenant() with { ApiBaseUrl = Sandbox.FakeBase };
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ZoomApiException>(() => Sandbox.Zoom.GetLockSettingsAsync(zoom, default));

        Assert.Equal(429, error.HttpStatus);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Single(Sandbox.Requests.To("GET", "/fake/accounts/me/lock_settings"));
    }

    [Fact]
    public async Task ADailyLimit_IsNotRetried_AndTheErrorSaysWhichLimit()
    {
        Sandbox.Fake = http =>
        {
            http.Response.Headers["X-RateLimit-Type"] = "Daily-limit";
            http.Response.Headers.RetryAfter = "2";
            return Task.FromResult(Results.Json(new { code = 429, message = "You have reached the maximum daily rate limit." }, statusCode: 429));
        };
        var zoom = Sandbox.ZoomTenant() with { ApiBaseUrl = Sandbox.FakeBase };

        var error = await Assert.ThrowsAsync<ZoomApiException>(() => Sandbox.Zoom.GetLockSettingsAsync(zoom, default));

        Assert.Equal(("Daily-limit", TimeSpan.FromSeconds(2)), (error.RateLimitType, error.RetryAfter));
        Assert.Single(Sandbox.Requests.To("GET", "/fake/accounts/me/lock_settings"));
    }

    [Fact]
    public async Task AServerErrorOnCreateMeeting_IsNotRepeatedAndCreatesNoMeeting()
    {
        var zoom = Sandbox.ZoomTenant();
        var host = await Sandbox.Zoom.CreateUserAsync(zoom, new ZoomUserToCreate("once@tenant-a.example", "Dana", "Doctor", 2), default);
        await Sandbox.AddFaultAsync("zoom", "meetings", 500, failNext: 1);

        var error = await Assert.ThrowsAsync<ZoomApiException>(() =>
            Sandbox.Zoom.CreateMeetingAsync(zoom, host.Id, new ZoomMeetingToCreate("Visit", DateTime.UtcNow, 30, "123456", Settings), default));

        Assert.Equal(500, error.HttpStatus);
        Assert.Empty(await Sandbox.ZoomMeetingsAsync());
        Assert.Equal(1, Sandbox.Requests.Count("POST", $"/sandbox/zoom/v2/users/{host.Id}/meetings"));
    }

    [Fact]
    public async Task AServerErrorOnGetMeeting_IsRepeatedAndSucceeds()
    {
        var zoom = Sandbox.ZoomTenant();
        var meeting = await CreateMeetingAsync(zoom);
        await Sandbox.AddFaultAsync("zoom", "meetings", 500, failNext: 1);

        var read = await Sandbox.Zoom.GetMeetingAsync(zoom, meeting.Id, default);

        Assert.Equal(meeting.Id, read?.Id);
        Assert.Equal(2, Sandbox.Requests.Count("GET", $"/sandbox/zoom/v2/meetings/{meeting.Id}"));
    }

    [Fact]
    public async Task ATokenZoomNoLongerAccepts_IsReplacedAndTheCallSucceeds()
    {
        var zoom = Sandbox.ZoomTenant();
        await Sandbox.Zoom.GetLockSettingsAsync(zoom, default);
        using (var reset = await Sandbox.Client.PostAsync("/sandbox/zoom/_test/reset", null))
        {
            reset.EnsureSuccessStatusCode();
        }

        var user = await Sandbox.Zoom.CreateUserAsync(zoom, new ZoomUserToCreate("after-reset@tenant-a.example", "Re", "Set", 1), default);

        Assert.Equal("after-reset@tenant-a.example", user.Email);
        Assert.Equal(2, Sandbox.Requests.Count("POST", TokenPath));
        Assert.Equal(2, Sandbox.Requests.Count("POST", "/sandbox/zoom/v2/users"));
    }

    [Fact]
    public async Task WrongAppCredentials_ThrowZoomApiExceptionAndAreNotCached()
    {
        var zoom = Sandbox.ZoomTenant(secret: "wrong");

        var error = await Assert.ThrowsAsync<ZoomApiException>(() => Sandbox.Zoom.GetLockSettingsAsync(zoom, default));
        await Sandbox.Zoom.GetLockSettingsAsync(Sandbox.ZoomTenant(), default);

        Assert.Equal(401, error.HttpStatus);
        Assert.Contains("invalid_client", error.Message);
        Assert.Equal(2, Sandbox.Requests.Count("POST", TokenPath));
    }

    private async Task<ZoomMeeting> CreateMeetingAsync(ZoomConnection zoom)
    {
        var host = await Sandbox.Zoom.CreateUserAsync(zoom, new ZoomUserToCreate($"host-{Guid.NewGuid():N}@tenant-a.example", "Dana", "Doctor", 2), default);
        return await Sandbox.Zoom.CreateMeetingAsync(zoom, host.Id, new ZoomMeetingToCreate("Visit", DateTime.UtcNow, 30, "123456", Settings), default);
    }

    private async Task LockAsync(bool joinBeforeHost, bool waitingRoom, bool? waitingRoomForced)
    {
        using var response = await Sandbox.Client.PostAsJsonAsync(
            $"/sandbox/zoom/_test/accounts/{SandboxServer.ZoomAccountId}/lock-settings",
            new { joinBeforeHostLocked = joinBeforeHost, waitingRoomLocked = waitingRoom, waitingRoomForcedValue = waitingRoomForced });
        response.EnsureSuccessStatusCode();
    }
}
