using System.Globalization;
using System.Net;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;
using Refit;

namespace EpicZoom.Infrastructure.External.Zoom;

/// <summary>
/// <see cref="IZoomApi"/> over the Refit <see cref="IZoomRestApi"/>, for one tenant per call: URLs come from the
/// <see cref="ZoomConnection"/>, the token from <see cref="ZoomAuthenticationHandler"/>, retries from the resilience
/// pipeline. Zoom's error body becomes a <see cref="ZoomApiException"/>; a Zoom that did not answer becomes a
/// <see cref="ZoomUnavailableException"/>.
/// </summary>
internal sealed class ZoomApiClient(IZoomRestApi api, TimeProvider time) : IZoomApi
{
    private const int MaxRoomPages = 5;

    public async Task<ZoomUser?> GetUserAsync(ZoomConnection zoom, string idOrEmail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrEmail);
        const string operation = "users.get";
        using var response = await CallAsync(zoom, operation, call => api.GetUserAsync(call, zoom, idOrEmail, cancellationToken), cancellationToken);
        return IsZoomError(response, ZoomErrors.UserNotFound) ? null : ToUser(Content(response, operation), response);
    }

    public async Task<ZoomUser> CreateUserAsync(ZoomConnection zoom, ZoomUserToCreate user, CancellationToken cancellationToken)
    {
        const string operation = "users.create";
        var body = new ZoomCreateUserJson("custCreate", new ZoomUserInfoJson(user.Email, user.Type, user.FirstName, user.LastName));
        using var response = await CallAsync(zoom, operation, call => api.CreateUserAsync(call, zoom, body, cancellationToken), cancellationToken);
        return ToUser(Content(response, operation), response);
    }

    /// <summary>Already gone counts as done.</summary>
    public async Task DeleteUserAsync(ZoomConnection zoom, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        const string operation = "users.delete";
        using var response = await CallAsync(zoom, operation, call => api.DeleteUserAsync(call, zoom, userId, cancellationToken), cancellationToken);
        if (!response.IsSuccessStatusCode && !IsZoomError(response, ZoomErrors.UserNotFound))
        {
            throw ZoomErrors.From(response, operation, time);
        }
    }

    public async Task<ZoomMeeting> CreateMeetingAsync(ZoomConnection zoom, string hostUserId, ZoomMeetingToCreate meeting, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostUserId);
        const string operation = "meetings.create";
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
        using var response = await CallAsync(zoom, operation, call => api.CreateMeetingAsync(call, zoom, hostUserId, body, cancellationToken), cancellationToken);
        return ToMeeting(Content(response, operation), response);
    }

    public async Task<ZoomMeeting?> GetMeetingAsync(ZoomConnection zoom, long meetingId, CancellationToken cancellationToken)
    {
        const string operation = "meetings.get";
        using var response = await CallAsync(zoom, operation, call => api.GetMeetingAsync(call, zoom, meetingId, cancellationToken), cancellationToken);
        return IsZoomError(response, ZoomErrors.MeetingNotFound) ? null : ToMeeting(Content(response, operation), response);
    }

    public async Task<IReadOnlyList<ZoomRoom>> FindRoomsAsync(ZoomConnection zoom, string name, CancellationToken cancellationToken)
    {
        const string operation = "rooms.list";
        var rooms = new List<ZoomRoom>();
        string? pageToken = null;
        for (var page = 0; page < MaxRoomPages; page++)
        {
            using var response = await CallAsync(zoom, operation, call => api.ListRoomsAsync(call, zoom, name, pageToken, cancellationToken), cancellationToken);
            var body = Content(response, operation);
            rooms.AddRange((body.Rooms ?? [])
                .Where(r => !string.IsNullOrEmpty(r.Id))
                .Select(r => new ZoomRoom(r.Id!, r.Name ?? "", r.Status ?? "")));
            pageToken = body.NextPageToken is { Length: > 0 } next ? next : null;
            if (pageToken is null)
            {
                break;
            }
        }

        return rooms;
    }

    public async Task JoinRoomToMeetingAsync(ZoomConnection zoom, string roomId, long meetingId, string? passcode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roomId);
        const string operation = "rooms.join";
        var body = new ZoomRoomEventJson(
            "zoomroom.meeting_join",
            new ZoomRoomEventParamsJson(meetingId.ToString(CultureInfo.InvariantCulture), passcode, ForceAccept: true));
        using var response = await CallAsync(zoom, operation, call => api.SendRoomEventAsync(call, zoom, roomId, body, cancellationToken), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw ZoomErrors.From(response, operation, time);
        }

        if (response.Status() != HttpStatusCode.Accepted)
        {
            throw new ZoomApiException((int)response.Status(), null, $"Zoom answered rooms.join with HTTP {(int)response.Status()} instead of 202 Accepted.");
        }
    }

    public async Task<ZoomLockSettings> GetLockSettingsAsync(ZoomConnection zoom, CancellationToken cancellationToken)
    {
        const string operation = "accounts.lock_settings";
        using var response = await CallAsync(zoom, operation, call => api.GetLockSettingsAsync(call, zoom, cancellationToken), cancellationToken);
        var locks = Content(response, operation);
        return new ZoomLockSettings(
            locks.ScheduleMeeting?.JoinBeforeHost ?? false,
            locks.MeetingSecurity?.WaitingRoom ?? locks.InMeeting?.WaitingRoom ?? false);
    }

    public async Task<string> GetZakAsync(ZoomConnection zoom, string userId, CancellationToken cancellationToken)
    {
        const string operation = "users.zak";
        using var response = await CallAsync(zoom, operation, call => api.GetZakAsync(call, zoom, userId, cancellationToken), cancellationToken);
        return Content(response, operation).Token is { Length: > 0 } token
            ? token
            : throw new ZoomApiException((int)response.Status(), null, "Zoom returned no ZAK.", ZoomFailure.Unreadable);
    }

    /// <summary>One Refit call; a Zoom that never answered becomes <see cref="ZoomUnavailableException"/>.</summary>
    private static async Task<T> CallAsync<T>(ZoomConnection zoom, string operation, Func<ExternalCall, Task<T>> send, CancellationToken cancellationToken)
        where T : IApiResponse
    {
        try
        {
            return (await send(new ExternalCall(zoom.ApiBaseUrl, operation))).ThrowIfNotReceived(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            throw ZoomErrors.Unavailable(ex, operation);
        }
    }

    /// <summary>Whether Zoom refused with <paramref name="code"/> (user or meeting not found), which these calls treat as an answer.</summary>
    private static bool IsZoomError(IApiResponse response, int code) =>
        !response.IsSuccessStatusCode && ZoomErrors.Parse(response.ErrorBody())?.Code == code;

    /// <summary>The deserialized body of a successful call; a Zoom error or an unreadable body throws.</summary>
    private T Content<T>(IApiResponse<T> response, string operation)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw ZoomErrors.From(response, operation, time);
        }

        return response.Error is null && response.Content is { } content ? content : throw ZoomErrors.Unreadable(response, operation);
    }

    private static ZoomUser ToUser(ZoomUserJson user, IApiResponse response) =>
        user is { Id.Length: > 0, Email.Length: > 0 }
            ? new ZoomUser(user.Id, user.Email, user.FirstName, user.LastName, user.Type ?? 0)
            : throw ZoomErrors.Unreadable(response, "users");

    private static ZoomMeeting ToMeeting(ZoomMeetingJson meeting, IApiResponse response)
    {
        if (meeting is not { Id: > 0, StartUrl.Length: > 0, JoinUrl.Length: > 0 })
        {
            throw ZoomErrors.Unreadable(response, "meetings");
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
