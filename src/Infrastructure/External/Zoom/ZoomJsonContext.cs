using System.Text.Json.Serialization;

namespace EpicZoom.Infrastructure.External.Zoom;

// Zoom's wire shapes (shared/spec/zoom.md), snake_case. Everything read is nullable: what is missing is checked
// where it matters, not by a JsonException deep in a caller.

internal sealed record ZoomTokenJson(string? AccessToken, string? TokenType, int? ExpiresIn);

internal sealed record ZoomOAuthErrorJson(string? Error, string? Reason);

internal sealed record ZoomErrorJson(int? Code, string? Message);

internal sealed record ZoomUserInfoJson(string Email, int Type, string FirstName, string LastName);

internal sealed record ZoomCreateUserJson(string Action, ZoomUserInfoJson UserInfo);

internal sealed record ZoomUserJson(string? Id, string? Email, string? FirstName, string? LastName, int? Type);

internal sealed record ZoomMeetingSettingsJson(
    bool? HostVideo = null,
    bool? ParticipantVideo = null,
    bool? JoinBeforeHost = null,
    int? JbhTime = null,
    bool? WaitingRoom = null,
    bool? MuteUponEntry = null,
    int? ApprovalType = null);

internal sealed record ZoomCreateMeetingJson(
    string Topic, int Type, string StartTime, int Duration, string Timezone, string Password, ZoomMeetingSettingsJson Settings);

internal sealed record ZoomMeetingJson(
    long? Id,
    string? Uuid,
    string? HostId,
    string? Topic,
    string? Status,
    string? StartUrl,
    string? JoinUrl,
    string? Password,
    ZoomMeetingSettingsJson? Settings);

internal sealed record ZoomZakJson(string? Token);

internal sealed record ZoomRoomJson(string? Id, string? Name, string? Status);

internal sealed record ZoomRoomPageJson(IReadOnlyList<ZoomRoomJson>? Rooms, string? NextPageToken);

internal sealed record ZoomRoomEventParamsJson(string MeetingNumber, string? Passcode, bool ForceAccept);

internal sealed record ZoomRoomEventJson(string Method, ZoomRoomEventParamsJson Params);

internal sealed record ZoomLockFlagsJson(bool? JoinBeforeHost, bool? WaitingRoom);

/// <summary>true = locked. The waiting room lock moved from in_meeting to meeting_security; older accounts report it there.</summary>
internal sealed record ZoomLockSettingsJson(ZoomLockFlagsJson? ScheduleMeeting, ZoomLockFlagsJson? MeetingSecurity, ZoomLockFlagsJson? InMeeting);

/// <summary>Meeting ids arrive as numbers or strings; reading accepts both.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ZoomTokenJson))]
[JsonSerializable(typeof(ZoomOAuthErrorJson))]
[JsonSerializable(typeof(ZoomErrorJson))]
[JsonSerializable(typeof(ZoomCreateUserJson))]
[JsonSerializable(typeof(ZoomUserJson))]
[JsonSerializable(typeof(ZoomCreateMeetingJson))]
[JsonSerializable(typeof(ZoomMeetingJson))]
[JsonSerializable(typeof(ZoomRoomPageJson))]
[JsonSerializable(typeof(ZoomRoomEventJson))]
[JsonSerializable(typeof(ZoomLockSettingsJson))]
[JsonSerializable(typeof(ZoomZakJson))]
internal sealed partial class ZoomJsonContext : JsonSerializerContext;
