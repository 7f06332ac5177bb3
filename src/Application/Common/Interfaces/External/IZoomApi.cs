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

/// <summary>What a Zoom error means to EpicZoom; Infrastructure reads it from Zoom's status and code.</summary>
public enum ZoomFailure
{
    /// <summary>Zoom refused the request for a reason EpicZoom does not act on (see the message).</summary>
    Refused,

    /// <summary>The account's app credentials or token were refused: an administrator must fix the Zoom settings.</summary>
    AuthenticationFailed,

    /// <summary>Too many calls; <see cref="ZoomApiException.RetryAfter"/> and <see cref="ZoomApiException.RateLimitType"/> say for how long.</summary>
    RateLimited,

    /// <summary>Creating a user whose e-mail already has a Zoom user (on this or another account).</summary>
    EmailTaken,

    /// <summary>Zoom answered with something that is not the API's answer (a proxy page, a wrong base URL).</summary>
    Unreadable,
}

/// <summary>
/// Zoom answered with an error. <see cref="Failure"/> is what handlers act on; <see cref="HttpStatus"/>, <see cref="ZoomCode"/>
/// (Zoom's own code) and the message are what the troubleshooting page and logs show.
/// </summary>
public sealed class ZoomApiException(int httpStatus, int? zoomCode, string message, ZoomFailure failure = ZoomFailure.Refused) : Exception(message)
{
    public ZoomFailure Failure { get; } = failure;

    public int HttpStatus { get; } = httpStatus;
    public int? ZoomCode { get; } = zoomCode;

    /// <summary>For a rate limit: Zoom's Retry-After (how long until a call may succeed) and X-RateLimit-Type (QPS, Daily-limit).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public string? RateLimitType { get; init; }

    /// <summary>"HTTP status and Zoom code": how Zoom's answer is shown to an administrator.</summary>
    public string Answer => $"HTTP {HttpStatus}{(ZoomCode is { } code ? $" code {code}" : "")}";
}

/// <summary>Zoom could not be reached or did not answer within the time budget (<see cref="TimedOut"/>); nothing is known about what it did.</summary>
public sealed class ZoomUnavailableException(string message, bool timedOut, Exception? inner = null) : Exception(message, inner)
{
    public bool TimedOut { get; } = timedOut;
}

/// <summary>
/// Zoom's REST API (shared/spec/zoom.md). Implementations cache the account token and retry rate limits. Zoom's errors
/// are <see cref="ZoomApiException"/>; an unreachable or silent Zoom is <see cref="ZoomUnavailableException"/>.
/// </summary>
public interface IZoomApi
{
    /// <summary>By id or e-mail; null when Zoom says the user does not exist.</summary>
    Task<ZoomUser?> GetUserAsync(ZoomConnection zoom, string idOrEmail, CancellationToken cancellationToken);

    /// <summary>custCreate: no password, hosts only through start_url. Throws <see cref="ZoomApiException"/> with <see cref="ZoomFailure.EmailTaken"/> when the e-mail is taken.</summary>
    Task<ZoomUser> CreateUserAsync(ZoomConnection zoom, ZoomUserToCreate user, CancellationToken cancellationToken);

    Task DeleteUserAsync(ZoomConnection zoom, string userId, CancellationToken cancellationToken);

    Task<ZoomMeeting> CreateMeetingAsync(ZoomConnection zoom, string hostUserId, ZoomMeetingToCreate meeting, CancellationToken cancellationToken);

    /// <summary>Null when the meeting does not exist or has expired. Re-reading refreshes start_url.</summary>
    Task<ZoomMeeting?> GetMeetingAsync(ZoomConnection zoom, long meetingId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ZoomRoom>> FindRoomsAsync(ZoomConnection zoom, string name, CancellationToken cancellationToken);

    /// <summary>zoomroom.meeting_join; Zoom accepts it asynchronously (202).</summary>
    Task JoinRoomToMeetingAsync(ZoomConnection zoom, string roomId, long meetingId, string? passcode, CancellationToken cancellationToken);

    Task<ZoomLockSettings> GetLockSettingsAsync(ZoomConnection zoom, CancellationToken cancellationToken);

    /// <summary>The user's Zoom Access Key (GET /users/{id}/token?type=zak): joining with it makes the participant that user.</summary>
    Task<string> GetZakAsync(ZoomConnection zoom, string userId, CancellationToken cancellationToken);
}
