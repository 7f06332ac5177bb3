namespace EpicZoom.Application.Common.Interfaces.External;

/// <summary>A tenant's Zoom Server-to-Server OAuth app, secrets already decrypted for this call only.</summary>
public sealed record ZoomConnection(string TenantKey, string AccountId, string ClientId, string ClientSecret, string OAuthBaseUrl, string ApiBaseUrl)
{
    // Never print the secret, whoever logs this record.
    public override string ToString() => $"ZoomConnection {{ Tenant = {TenantKey}, AccountId = {AccountId} }}";
}

public sealed record ZoomUser(string Id, string Email, string? FirstName, string? LastName, int Type);

public sealed record ZoomUserToCreate(string Email, string FirstName, string LastName, int Type);

public sealed record ZoomMeetingSettings(bool JoinBeforeHost, bool WaitingRoom, bool HostVideo, bool ParticipantVideo, bool MuteUponEntry);

public sealed record ZoomMeetingToCreate(string Topic, DateTime StartTimeUtc, int DurationMinutes, string Password, ZoomMeetingSettings Settings);

/// <summary>A meeting as Zoom returns it. <see cref="StartUrl"/> is a host credential: never log or store it in plain text.</summary>
public sealed record ZoomMeeting(
    long Id, string Uuid, string HostId, string Topic, string Status, string StartUrl, string JoinUrl, string? Password, ZoomMeetingSettings Settings)
{
    public override string ToString() => $"ZoomMeeting {{ Id = {Id}, Status = {Status} }}";
}

public sealed record ZoomRoom(string Id, string Name, string Status);

public sealed record ZoomLockSettings(bool JoinBeforeHostLocked, bool WaitingRoomLocked);

/// <summary>Zoom answered with an error (<see cref="ZoomCode"/> is Zoom's own code, e.g. 1001 user not found, 3001 meeting not found).</summary>
public sealed class ZoomApiException(int httpStatus, int? zoomCode, string message) : Exception(message)
{
    public int HttpStatus { get; } = httpStatus;
    public int? ZoomCode { get; } = zoomCode;

    /// <summary>For a 429: Zoom's Retry-After (how long until a call may succeed) and X-RateLimit-Type (QPS, Daily-limit).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public string? RateLimitType { get; init; }
}

/// <summary>Zoom's REST API (shared/spec/zoom.md). Implementations cache the account token and retry rate limits.</summary>
public interface IZoomApi
{
    /// <summary>By id or e-mail; null when Zoom says the user does not exist (1001).</summary>
    Task<ZoomUser?> GetUserAsync(ZoomConnection zoom, string idOrEmail, CancellationToken cancellationToken);

    /// <summary>custCreate: no password, hosts only through start_url. Throws <see cref="ZoomApiException"/> with 1005 when the e-mail is taken.</summary>
    Task<ZoomUser> CreateUserAsync(ZoomConnection zoom, ZoomUserToCreate user, CancellationToken cancellationToken);

    Task DeleteUserAsync(ZoomConnection zoom, string userId, CancellationToken cancellationToken);

    Task<ZoomMeeting> CreateMeetingAsync(ZoomConnection zoom, string hostUserId, ZoomMeetingToCreate meeting, CancellationToken cancellationToken);

    /// <summary>Null when the meeting does not exist or has expired (3001). Re-reading refreshes start_url.</summary>
    Task<ZoomMeeting?> GetMeetingAsync(ZoomConnection zoom, long meetingId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ZoomRoom>> FindRoomsAsync(ZoomConnection zoom, string name, CancellationToken cancellationToken);

    /// <summary>zoomroom.meeting_join; Zoom accepts it asynchronously (202).</summary>
    Task JoinRoomToMeetingAsync(ZoomConnection zoom, string roomId, long meetingId, string? passcode, CancellationToken cancellationToken);

    Task<ZoomLockSettings> GetLockSettingsAsync(ZoomConnection zoom, CancellationToken cancellationToken);

    /// <summary>The user's Zoom Access Key (GET /users/{id}/token?type=zak): joining with it makes the participant that user.</summary>
    Task<string> GetZakAsync(ZoomConnection zoom, string userId, CancellationToken cancellationToken);
}
