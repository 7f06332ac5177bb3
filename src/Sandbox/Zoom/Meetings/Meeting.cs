using EpicZoom.Sandbox.Common;

namespace EpicZoom.Sandbox.Zoom.Meetings;

/// <summary>
/// A Zoom meeting and who is in it. Owns the rules of joining: the host starts it, others wait
/// for the host unless join-before-host is on, the waiting room holds people until admitted, and
/// the meeting ends when its last participant leaves or the host ends it. Each change appends
/// the webhook events Zoom would send. All members lock <see cref="Gate"/>, which is re-entrant,
/// so a caller may hold it across a change and the publishing of its events.
/// </summary>
internal sealed class Meeting(long id, string accountId, string hostId, string hostEmail, MeetingDetails details, DateTimeOffset createdAt)
{
    public const string LeftReason = "left the meeting. Reason : left the meeting";
    public const string HostEndedReason = "left the meeting. Reason : Host ended the meeting";
    public const string ToBreakoutRoomReason = "left the meeting to join breakout room.";
    public const string ToMainMeetingReason = "leave breakout room to join main meeting";
    public const string LeaveBreakoutRoomReason = "Leave breakout room.";

    // Zoom's meeting-scoped participant ids look like 16778240, 16779264, ...
    private const int FirstParticipantNumber = 16778240;
    private const int ParticipantNumberStep = 1024;

    private readonly List<MeetingParticipant> participants = [];
    private int nextParticipantNumber = FirstParticipantNumber;
    private bool hadInstance;
    private string uuid = RandomIds.ZoomUuid();
    private DateTimeOffset? startedAt;

    public Lock Gate { get; } = new();

    public long Id { get; } = id;

    public string AccountId { get; } = accountId;

    public string HostId { get; } = hostId;

    public MeetingDetails Details
    {
        get
        {
            lock (Gate)
            {
                return details;
            }
        }
    }

    public MeetingStatus Status
    {
        get
        {
            lock (Gate)
            {
                return startedAt is null ? MeetingStatus.Waiting : MeetingStatus.Started;
            }
        }
    }

    /// <summary>Reschedules (PATCH): the change reads and replaces the details in one step.</summary>
    public void Update(Func<MeetingDetails, MeetingDetails> change)
    {
        lock (Gate)
        {
            details = change(details);
        }
    }

    public MeetingSnapshot Snapshot()
    {
        lock (Gate)
        {
            return new MeetingSnapshot(Id, AccountId, uuid, HostId, hostEmail, Status, details, createdAt, participants.ToList());
        }
    }

    public MeetingParticipant? Seat(string seatToken)
    {
        lock (Gate)
        {
            return participants.FirstOrDefault(p => AuthorizationHeader.SecretEquals(p.SeatToken, seatToken));
        }
    }

    public MeetingParticipant Join(JoinRequest request, DateTimeOffset now, List<MeetingEvent> events)
    {
        lock (Gate)
        {
            var participant = new MeetingParticipant(
                nextParticipantNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RandomIds.ZoomUuid(),
                RandomIds.Token(),
                request.Name,
                request.Email,
                request.ZoomUserId,
                request.CustomerKey,
                request.RoomId,
                request.AsHost,
                ParticipantState.WaitingForHost,
                null,
                null);
            nextParticipantNumber += ParticipantNumberStep;
            participants.Add(participant);
            var settings = details.Settings;
            if (request.AsHost)
            {
                Start(now, events);
                participant = Enter(participant, now, events);
                foreach (var waiting in participants.Where(p => p.State == ParticipantState.WaitingForHost).ToList())
                {
                    Place(waiting, settings.WaitingRoom, now, events);
                }
            }
            else if (startedAt is null && !(settings.JoinBeforeHost && !settings.WaitingRoom))
            {
                events.Add(Event("meeting.participant_jbh_waiting", now, participant));
            }
            else
            {
                Start(now, events);
                participant = Place(participant, settings.WaitingRoom, now, events);
            }

            return participant;
        }
    }

    public void Admit(string participantId, DateTimeOffset now, List<MeetingEvent> events)
    {
        lock (Gate)
        {
            var participant = Require(participantId);
            if (participant.State != ParticipantState.WaitingRoom)
            {
                throw new MeetingStateException($"Participant {participantId} is not in the waiting room.");
            }

            events.Add(Event("meeting.participant_admitted", now, participant));
            Enter(participant, now, events);
        }
    }

    public void Leave(string participantId, DateTimeOffset now, List<MeetingEvent> events)
    {
        lock (Gate)
        {
            var participant = Require(participantId);
            switch (participant.State)
            {
                case ParticipantState.Left:
                    throw new MeetingStateException($"Participant {participantId} has already left.");
                case ParticipantState.WaitingRoom:
                    events.Add(Event("meeting.participant_left_waiting_room", now, Replace(participant with { State = ParticipantState.Left, LeaveTime = now })));
                    break;
                case ParticipantState.WaitingForHost:
                    Replace(participant with { State = ParticipantState.Left, LeaveTime = now });
                    break;
                default:
                    if (participant.BreakoutRoomUuid is { } room)
                    {
                        events.Add(Event("meeting.participant_left_breakout_room", now, participant, LeaveBreakoutRoomReason, participant.JoinTime, room));
                    }

                    events.Add(Event("meeting.participant_left", now, Replace(participant with { State = ParticipantState.Left, LeaveTime = now, BreakoutRoomUuid = null }), LeftReason, participant.JoinTime));
                    if (!participants.Any(p => p.State == ParticipantState.Joined))
                    {
                        EndInstance(now, events, LeftReason);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// A participant goes to a breakout room, as Zoom reports it: a leave of the main room ("…to join breakout
    /// room."), a join of the same session (same participant_uuid) at the same instant, and the breakout-room join.
    /// </summary>
    public void MoveToBreakoutRoom(string participantId, DateTimeOffset now, List<MeetingEvent> events)
    {
        lock (Gate)
        {
            var participant = Require(participantId);
            if (participant.State != ParticipantState.Joined || participant.BreakoutRoomUuid is not null)
            {
                throw new MeetingStateException($"Participant {participantId} is not in the main room.");
            }

            var room = RandomIds.ZoomUuid();
            events.Add(Event("meeting.participant_left", now, participant with { LeaveTime = now }, ToBreakoutRoomReason, participant.JoinTime));
            var moved = Replace(participant with { JoinTime = now, BreakoutRoomUuid = room });
            events.Add(Event("meeting.participant_joined", now, moved));
            events.Add(Event("meeting.participant_joined_breakout_room", now, moved, breakoutRoomUuid: room));
        }
    }

    /// <summary>Back from a breakout room: the breakout-room leave, a main-room leave ("leave breakout room to join main meeting") and a join, at one instant.</summary>
    public void ReturnToMainRoom(string participantId, DateTimeOffset now, List<MeetingEvent> events)
    {
        lock (Gate)
        {
            var participant = Require(participantId);
            if (participant.BreakoutRoomUuid is not { } room)
            {
                throw new MeetingStateException($"Participant {participantId} is not in a breakout room.");
            }

            events.Add(Event("meeting.participant_left_breakout_room", now, participant with { LeaveTime = now }, LeaveBreakoutRoomReason, participant.JoinTime, room));
            events.Add(Event("meeting.participant_left", now, participant with { LeaveTime = now }, ToMainMeetingReason, participant.JoinTime));
            events.Add(Event("meeting.participant_joined", now, Replace(participant with { JoinTime = now, BreakoutRoomUuid = null })));
        }
    }

    /// <summary>The host's "End meeting for all"; nothing happens when it is not running.</summary>
    public void End(DateTimeOffset now, List<MeetingEvent> events)
    {
        lock (Gate)
        {
            if (startedAt is not null)
            {
                EndInstance(now, events, HostEndedReason);
            }
        }
    }

    private void Start(DateTimeOffset now, List<MeetingEvent> events)
    {
        if (startedAt is not null)
        {
            return;
        }

        // Every run of a meeting is a new instance with its own uuid; the first one keeps the uuid from creation.
        if (hadInstance)
        {
            uuid = RandomIds.ZoomUuid();
        }

        hadInstance = true;
        startedAt = now;
        events.Add(Event("meeting.started", now));
    }

    private void EndInstance(DateTimeOffset now, List<MeetingEvent> events, string reason)
    {
        foreach (var participant in participants.Where(p => p.State is ParticipantState.Joined or ParticipantState.WaitingRoom).ToList())
        {
            var left = Replace(participant with { State = ParticipantState.Left, LeaveTime = now, BreakoutRoomUuid = null });
            events.Add(participant.State == ParticipantState.Joined
                ? Event("meeting.participant_left", now, left, reason, participant.JoinTime)
                : Event("meeting.participant_left_waiting_room", now, left));
        }

        events.Add(Event("meeting.ended", now));
        startedAt = null;
    }

    private MeetingParticipant Place(MeetingParticipant participant, bool waitingRoom, DateTimeOffset now, List<MeetingEvent> events)
    {
        if (!waitingRoom || participant.IsHost)
        {
            return Enter(participant, now, events);
        }

        var waiting = Replace(participant with { State = ParticipantState.WaitingRoom });
        events.Add(Event("meeting.participant_joined_waiting_room", now, waiting));
        return waiting;
    }

    private MeetingParticipant Enter(MeetingParticipant participant, DateTimeOffset now, List<MeetingEvent> events)
    {
        var joined = Replace(participant with { State = ParticipantState.Joined, JoinTime = now });
        events.Add(Event("meeting.participant_joined", now, joined));
        return joined;
    }

    private MeetingParticipant Require(string participantId) =>
        participants.FirstOrDefault(p => p.UserId == participantId)
        ?? throw new MeetingStateException($"Participant {participantId} is not in meeting {Id}.");

    private MeetingParticipant Replace(MeetingParticipant participant)
    {
        participants[participants.FindIndex(p => p.UserId == participant.UserId)] = participant;
        return participant;
    }

    private MeetingEvent Event(string name, DateTimeOffset now, MeetingParticipant? participant = null, string? leaveReason = null,
        DateTimeOffset? joinTime = null, string? breakoutRoomUuid = null) =>
        new(name, now, new MeetingInstance(Id, uuid, HostId, details.Topic, details.Type, startedAt ?? details.StartTime, details.Timezone, details.Duration),
            participant, leaveReason, joinTime, breakoutRoomUuid);
}
