namespace EpicZoom.Application.Webhooks.Common;

/// <summary>The event names EpicZoom acts on.</summary>
public static class ZoomEventNames
{
    public const string UrlValidation = "endpoint.url_validation";
    public const string MeetingStarted = "meeting.started";
    public const string MeetingEnded = "meeting.ended";
    public const string ParticipantJoined = "meeting.participant_joined";
    public const string ParticipantLeft = "meeting.participant_left";
    public const string BreakoutRoomJoined = "meeting.participant_joined_breakout_room";
    public const string BreakoutRoomLeft = "meeting.participant_left_breakout_room";
    public const string MeetingPrefix = "meeting.";
}

/// <summary>
/// A Zoom webhook body read once by <see cref="ZoomWebhookParser"/> (shared/spec/zoom.md §4, Zoom's Meeting webhooks
/// reference). Handlers switch on the type, never on the event name. Whatever cannot be read (wrong JSON type, not
/// UTF-8, a lone surrogate) is left out and named in <see cref="Notes"/>: field names only, as values may be PHI.
/// </summary>
public abstract record ZoomEvent
{
    /// <summary>The event name as sent ("meeting.participant_joined"); "" for a body that is not an event.</summary>
    public string Name { get; init; } = "";

    /// <summary>payload.account_id: a hint for which tenant's secret to try first, never trusted before the signature.</summary>
    public string? AccountId { get; init; }

    /// <summary>event_ts, a number in most events and a numeric string in some.</summary>
    public DateTime? EventTime { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>A body that is no Zoom event: not JSON, not a JSON object, or without a readable, well-formed 'event' name.</summary>
public sealed record NotAZoomEvent(string Reason, bool IsJson) : ZoomEvent;

/// <summary>endpoint.url_validation: Zoom checks the endpoint by asking for its plainToken signed with the secret.</summary>
public sealed record ZoomUrlValidation(string? PlainToken) : ZoomEvent;

/// <summary>Anything but a meeting event (rtms.*, team_chat.*, app.*...): acknowledged, never kept.</summary>
public sealed record ZoomOtherEvent : ZoomEvent;

/// <summary>An event about one meeting; <see cref="MeetingId"/> is object.id, sent as a string or a number.</summary>
public abstract record ZoomMeetingEvent : ZoomEvent
{
    public long? MeetingId { get; init; }
    public string? MeetingUuid { get; init; }

    /// <summary>When it happened, as precisely as the event says; else event_ts.</summary>
    public abstract DateTime? At { get; }
}

/// <summary>meeting.started; object.start_time is when the meeting really started.</summary>
public sealed record ZoomMeetingStarted(DateTime? StartTime) : ZoomMeetingEvent
{
    public override DateTime? At => StartTime ?? EventTime;
}

/// <summary>meeting.ended, at object.end_time.</summary>
public sealed record ZoomMeetingEnded(DateTime? EndTime) : ZoomMeetingEvent
{
    public override DateTime? At => EndTime ?? EventTime;
}

/// <summary>
/// A meeting event about one participant. Never timed by the meeting's start_time: Zoom sends the scheduled start
/// there.
/// </summary>
public abstract record ZoomParticipantEvent(ZoomParticipant? Participant) : ZoomMeetingEvent;

public sealed record ZoomParticipantJoined(ZoomParticipant? Participant) : ZoomParticipantEvent(Participant)
{
    public override DateTime? At => Participant?.JoinTime ?? EventTime;
}

/// <summary>meeting.participant_left: carries leave_time and the join_time of the stretch it closes.</summary>
public sealed record ZoomParticipantLeft(ZoomParticipant? Participant) : ZoomParticipantEvent(Participant)
{
    public override DateTime? At => Participant?.LeaveTime ?? EventTime;
}

public sealed record ZoomBreakoutRoomJoined(ZoomParticipant? Participant) : ZoomParticipantEvent(Participant)
{
    public override DateTime? At => Participant?.JoinTime ?? EventTime;
}

public sealed record ZoomBreakoutRoomLeft(ZoomParticipant? Participant) : ZoomParticipantEvent(Participant)
{
    public override DateTime? At => Participant?.LeaveTime ?? EventTime;
}

/// <summary>Any other meeting.* event (waiting room, sharing, recording...): kept, not reported to Epic.</summary>
public sealed record ZoomOtherMeetingEvent(ZoomParticipant? Participant) : ZoomParticipantEvent(Participant)
{
    public override DateTime? At => Participant is null ? EventTime : Participant.WaitingRoomTime ?? EventTime;
}

/// <summary>
/// Every identifier and time a Zoom participant object may carry; empty strings read as absent.
/// <see cref="Id"/> is "" (so absent) for someone not signed in; <see cref="UserId"/> is then Zoom's per-meeting number.
/// </summary>
public sealed record ZoomParticipant
{
    public string? Id { get; init; }
    public string? ParticipantUserId { get; init; }
    public string? UserId { get; init; }
    public string? Email { get; init; }
    public string? CustomerKey { get; init; }
    public string? RegistrantId { get; init; }
    public string? ParticipantUuid { get; init; }
    public string? UserName { get; init; }
    public DateTime? JoinTime { get; init; }
    public DateTime? LeaveTime { get; init; }

    /// <summary>date_time, which waiting-room events carry instead of join_time and leave_time.</summary>
    public DateTime? WaitingRoomTime { get; init; }

    /// <summary>Free text ("…left the meeting to join breakout room.").</summary>
    public string? LeaveReason { get; init; }

    /// <summary>The session: participant_uuid; without one, user_id (Zoom's number for one stretch in one room), then id.</summary>
    public string? SessionKey => ParticipantUuid ?? UserId ?? Id;
}
