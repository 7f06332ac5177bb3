namespace EpicZoom.Sandbox.Zoom.Meetings;

internal enum MeetingStatus
{
    Waiting,
    Started,
}

/// <summary>Where a person is: outside waiting for the host, in the waiting room, in the meeting, or gone.</summary>
internal enum ParticipantState
{
    WaitingForHost,
    WaitingRoom,
    Joined,
    Left,
}

/// <summary>The settings a meeting runs with, after account defaults and locks were applied.</summary>
internal sealed record MeetingSettings(
    bool HostVideo,
    bool ParticipantVideo,
    bool JoinBeforeHost,
    int JbhTime,
    bool WaitingRoom,
    bool MuteUponEntry,
    int ApprovalType,
    string AutoRecording,
    string AlternativeHosts,
    bool MeetingAuthentication);

/// <summary>The schedulable part of a meeting: what POST creates and PATCH changes.</summary>
internal sealed record MeetingDetails(
    string Topic,
    int Type,
    DateTimeOffset StartTime,
    int Duration,
    string Timezone,
    string Agenda,
    string Password,
    string EncryptedPassword,
    string PstnPassword,
    MeetingSettings Settings);

/// <summary>
/// One person in one meeting instance. <see cref="UserId"/> is Zoom's meeting-scoped participant id
/// (webhook participant.user_id); <see cref="ZoomUserId"/> is the account user it matched, if any
/// (webhook participant.id and participant_user_id). <see cref="SeatToken"/> lets a join page act
/// for this participant and nobody else.
/// </summary>
internal sealed record MeetingParticipant(
    string UserId,
    string ParticipantUuid,
    string SeatToken,
    string Name,
    string Email,
    string ZoomUserId,
    string CustomerKey,
    string? RoomId,
    bool IsHost,
    ParticipantState State,
    DateTimeOffset? JoinTime,
    DateTimeOffset? LeaveTime,
    string? BreakoutRoomUuid = null);

/// <summary>Who is joining and how: through start_url (host) or join_url, a page, the test API or a Zoom Room.</summary>
internal sealed record JoinRequest(string Name, string Email, string ZoomUserId, string CustomerKey, string? RoomId, bool AsHost);

/// <summary>The meeting as a webhook describes it at the moment of an event.</summary>
internal sealed record MeetingInstance(long Id, string Uuid, string HostId, string Topic, int Type, DateTimeOffset StartTime, string Timezone, int Duration);

/// <summary>
/// Something Zoom sends a webhook about. <see cref="JoinTime"/> is the join time a leave carries (the start of the
/// stretch it ends); <see cref="BreakoutRoomUuid"/> names the room of a breakout-room event.
/// </summary>
internal sealed record MeetingEvent(string Name, DateTimeOffset Time, MeetingInstance Meeting, MeetingParticipant? Participant = null, string? LeaveReason = null,
    DateTimeOffset? JoinTime = null, string? BreakoutRoomUuid = null);

/// <summary>A consistent copy of a meeting for readers that must not hold its lock.</summary>
internal sealed record MeetingSnapshot(
    long Id,
    string AccountId,
    string Uuid,
    string HostId,
    string HostEmail,
    MeetingStatus Status,
    MeetingDetails Details,
    DateTimeOffset CreatedAt,
    IReadOnlyList<MeetingParticipant> Participants);

/// <summary>A meeting-state rule was broken (e.g. admitting someone who is not in the waiting room).</summary>
internal sealed class MeetingStateException(string message) : InvalidOperationException(message);
