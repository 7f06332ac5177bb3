using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;

namespace EpicZoom.Infrastructure.External.Zoom;

/// <summary>
/// Zoom's REST API for one tenant per call: URLs come from the <see cref="ZoomConnection"/>, the token from
/// <see cref="ZoomAuthenticationHandler"/>, retries from <see cref="RetryHandler"/>. Zoom's error body becomes a
/// <see cref="ZoomApiException"/>; transport failures stay <see cref="HttpRequestException"/> and an exhausted time
/// budget becomes a <see cref="TimeoutException"/>.
/// </summary>
internal sealed class ZoomApiClient(HttpClient http) : IZoomApi
{
    private const int UserNotFound = 1001;
    private const int MeetingNotFound = 3001;
    private const int MaxRoomPages = 5;

    public async Task<ZoomUser?> GetUserAsync(ZoomConnection zoom, string idOrEmail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrEmail);
        using var response = await SendAsync(zoom, HttpMethod.Get, "/users/" + Uri.EscapeDataString(idOrEmail), "users.get", null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ErrorAsync(response, "users.get", cancellationToken);
            return error.ZoomCode == UserNotFound ? null : throw error;
        }

        return ToUser(await ReadAsync(response, ZoomJsonContext.Default.ZoomUserJson, "users.get", cancellationToken), response);
    }

    public async Task<ZoomUser> CreateUserAsync(ZoomConnection zoom, ZoomUserToCreate user, CancellationToken cancellationToken)
    {
        var body = new ZoomCreateUserJson("custCreate", new ZoomUserInfoJson(user.Email, user.Type, user.FirstName, user.LastName));
        using var response = await SendAsync(
            zoom, HttpMethod.Post, "/users", "users.create", JsonContent.Create(body, ZoomJsonContext.Default.ZoomCreateUserJson), cancellationToken);
        await EnsureSuccessAsync(response, "users.create", cancellationToken);
        return ToUser(await ReadAsync(response, ZoomJsonContext.Default.ZoomUserJson, "users.create", cancellationToken), response);
    }

    /// <summary>Permanent deletion (action=delete): custCreate users exist only for EpicZoom. Already gone counts as done.</summary>
    public async Task DeleteUserAsync(ZoomConnection zoom, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        using var response = await SendAsync(
            zoom, HttpMethod.Delete, $"/users/{Uri.EscapeDataString(userId)}?action=delete", "users.delete", null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ErrorAsync(response, "users.delete", cancellationToken);
            if (error.ZoomCode != UserNotFound)
            {
                throw error;
            }
        }
    }

    public async Task<ZoomMeeting> CreateMeetingAsync(ZoomConnection zoom, string hostUserId, ZoomMeetingToCreate meeting, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostUserId);
        var settings = meeting.Settings;
        var body = new ZoomCreateMeetingJson(
            meeting.Topic,
            Type: 2,
            FormatStartTime(meeting.StartTimeUtc),
            meeting.DurationMinutes,
            "UTC",
            meeting.Password,
            new ZoomMeetingSettingsJson(
                settings.HostVideo, settings.ParticipantVideo, settings.JoinBeforeHost, JbhTime: 0, settings.WaitingRoom, settings.MuteUponEntry, ApprovalType: 2));
        using var response = await SendAsync(
            zoom,
            HttpMethod.Post,
            $"/users/{Uri.EscapeDataString(hostUserId)}/meetings",
            "meetings.create",
            JsonContent.Create(body, ZoomJsonContext.Default.ZoomCreateMeetingJson),
            cancellationToken);
        await EnsureSuccessAsync(response, "meetings.create", cancellationToken);
        return ToMeeting(await ReadAsync(response, ZoomJsonContext.Default.ZoomMeetingJson, "meetings.create", cancellationToken), response);
    }

    public async Task<ZoomMeeting?> GetMeetingAsync(ZoomConnection zoom, long meetingId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            zoom, HttpMethod.Get, "/meetings/" + meetingId.ToString(CultureInfo.InvariantCulture), "meetings.get", null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ErrorAsync(response, "meetings.get", cancellationToken);
            return error.ZoomCode == MeetingNotFound ? null : throw error;
        }

        return ToMeeting(await ReadAsync(response, ZoomJsonContext.Default.ZoomMeetingJson, "meetings.get", cancellationToken), response);
    }

    public async Task<IReadOnlyList<ZoomRoom>> FindRoomsAsync(ZoomConnection zoom, string name, CancellationToken cancellationToken)
    {
        var rooms = new List<ZoomRoom>();
        var pageToken = "";
        for (var page = 0; page < MaxRoomPages; page++)
        {
            var path = "/rooms?page_size=100&query_name=" + Uri.EscapeDataString(name)
                + (pageToken.Length > 0 ? "&next_page_token=" + Uri.EscapeDataString(pageToken) : "");
            using var response = await SendAsync(zoom, HttpMethod.Get, path, "rooms.list", null, cancellationToken);
            await EnsureSuccessAsync(response, "rooms.list", cancellationToken);
            var body = await ReadAsync(response, ZoomJsonContext.Default.ZoomRoomPageJson, "rooms.list", cancellationToken);
            rooms.AddRange((body.Rooms ?? [])
                .Where(r => !string.IsNullOrEmpty(r.Id))
                .Select(r => new ZoomRoom(r.Id!, r.Name ?? "", r.Status ?? "")));
            pageToken = body.NextPageToken ?? "";
            if (pageToken.Length == 0)
            {
                break;
            }
        }

        return rooms;
    }

    public async Task JoinRoomToMeetingAsync(ZoomConnection zoom, string roomId, long meetingId, string? passcode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roomId);
        var body = new ZoomRoomEventJson(
            "zoomroom.meeting_join",
            new ZoomRoomEventParamsJson(meetingId.ToString(CultureInfo.InvariantCulture), passcode, ForceAccept: true));
        using var response = await SendAsync(
            zoom,
            HttpMethod.Patch,
            $"/rooms/{Uri.EscapeDataString(roomId)}/events",
            "rooms.join",
            JsonContent.Create(body, ZoomJsonContext.Default.ZoomRoomEventJson),
            cancellationToken);
        await EnsureSuccessAsync(response, "rooms.join", cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new ZoomApiException((int)response.StatusCode, null, $"Zoom answered rooms.join with HTTP {(int)response.StatusCode} instead of 202 Accepted.");
        }
    }

    public async Task<ZoomLockSettings> GetLockSettingsAsync(ZoomConnection zoom, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(zoom, HttpMethod.Get, "/accounts/me/lock_settings", "accounts.lock_settings", null, cancellationToken);
        await EnsureSuccessAsync(response, "accounts.lock_settings", cancellationToken);
        var locks = await ReadAsync(response, ZoomJsonContext.Default.ZoomLockSettingsJson, "accounts.lock_settings", cancellationToken);
        return new ZoomLockSettings(
            locks.ScheduleMeeting?.JoinBeforeHost ?? false,
            locks.MeetingSecurity?.WaitingRoom ?? locks.InMeeting?.WaitingRoom ?? false);
    }

    public async Task<string> GetZakAsync(ZoomConnection zoom, string userId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(zoom, HttpMethod.Get, $"/users/{Uri.EscapeDataString(userId)}/token?type=zak", "users.zak", null, cancellationToken);
        await EnsureSuccessAsync(response, "users.zak", cancellationToken);
        var zak = await ReadAsync(response, ZoomJsonContext.Default.ZoomZakJson, "users.zak", cancellationToken);
        return zak.Token is { Length: > 0 } token ? token : throw new ZoomApiException((int)response.StatusCode, null, "Zoom returned no ZAK.");
    }

    private async Task<HttpResponseMessage> SendAsync(
        ZoomConnection zoom, HttpMethod method, string pathAndQuery, string operation, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = ExternalRequest.Create(method, zoom.ApiBaseUrl.TrimEnd('/') + pathAndQuery, operation, content);
        request.Options.Set(ZoomAuthenticationHandler.Connection, zoom);
        return await ExternalRequest.SendAsync(http, request, "Zoom", cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, operation, cancellationToken);
        }
    }

    private static async Task<ZoomApiException> ErrorAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        ZoomErrorJson? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync(ZoomJsonContext.Default.ZoomErrorJson, cancellationToken);
        }
        catch (JsonException)
        {
            // Not Zoom's error shape (a proxy's HTML page, a wrong base URL): the status code says enough.
        }

        return new ZoomApiException(status, error?.Code, error?.Message is { Length: > 0 } message
            ? message
            : $"Zoom answered {operation} with HTTP {status}.")
        {
            RetryAfter = response.StatusCode == HttpStatusCode.TooManyRequests ? RetryHandler.RetryAfterOf(response) : null,
            RateLimitType = response.StatusCode == HttpStatusCode.TooManyRequests ? RetryHandler.RateLimitTypeOf(response) : null,
        };
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken) ?? throw Unreadable(response, operation);
        }
        catch (JsonException)
        {
            throw Unreadable(response, operation);
        }
    }

    private static ZoomApiException Unreadable(HttpResponseMessage response, string operation) =>
        new((int)response.StatusCode, null, $"Zoom answered {operation} with a body EpicZoom cannot read.");

    private static ZoomUser ToUser(ZoomUserJson user, HttpResponseMessage response) =>
        user is { Id.Length: > 0, Email.Length: > 0 }
            ? new ZoomUser(user.Id, user.Email, user.FirstName, user.LastName, user.Type ?? 0)
            : throw Unreadable(response, "users");

    private static ZoomMeeting ToMeeting(ZoomMeetingJson meeting, HttpResponseMessage response)
    {
        if (meeting is not { Id: > 0, StartUrl.Length: > 0, JoinUrl.Length: > 0 })
        {
            throw Unreadable(response, "meetings");
        }

        var settings = meeting.Settings;
        return new ZoomMeeting(
            meeting.Id.Value,
            meeting.Uuid ?? "",
            meeting.HostId ?? "",
            meeting.Topic ?? "",
            meeting.Status ?? "",
            meeting.StartUrl,
            meeting.JoinUrl,
            meeting.Password,
            new ZoomMeetingSettings(
                settings?.JoinBeforeHost ?? false,
                settings?.WaitingRoom ?? false,
                settings?.HostVideo ?? false,
                settings?.ParticipantVideo ?? false,
                settings?.MuteUponEntry ?? false));
    }

    /// <summary>Zoom wants UTC as yyyy-MM-ddTHH:mm:ssZ; an unspecified kind is taken as UTC, as the port's name says.</summary>
    private static string FormatStartTime(DateTime start)
    {
        var utc = start.Kind == DateTimeKind.Local ? start.ToUniversalTime() : DateTime.SpecifyKind(start, DateTimeKind.Utc);
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
