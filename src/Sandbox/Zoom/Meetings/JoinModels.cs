namespace EpicZoom.Sandbox.Zoom.Meetings;

/// <summary>Answer to a join from a page or the test API. <see cref="Seat"/> is the page's handle on the participant.</summary>
internal sealed record JoinResult(string ParticipantId, string State, string? Seat = null);

internal sealed record SeatPeer(string ParticipantId, string Name);

/// <summary>What a join page polls: its own state, who is in, and (for the host) who waits.</summary>
internal sealed record SeatStatus(
    string ParticipantId,
    string Name,
    string State,
    bool IsHost,
    string MeetingStatus,
    IReadOnlyList<SeatPeer> Participants,
    IReadOnlyList<SeatPeer> WaitingRoom);

internal static class ParticipantStates
{
    /// <summary>The state names the test API and pages use ("waiting" is the waiting room).</summary>
    public static string Name(ParticipantState state) => state switch
    {
        ParticipantState.WaitingForHost => "waiting_for_host",
        ParticipantState.WaitingRoom => "waiting",
        ParticipantState.Joined => "joined",
        _ => "left",
    };

    public static SeatStatus Status(MeetingSnapshot meeting, MeetingParticipant seat) => new(
        seat.UserId,
        seat.Name,
        Name(seat.State),
        seat.IsHost,
        meeting.Status == MeetingStatus.Started ? "started" : "waiting",
        Peers(meeting, ParticipantState.Joined),
        seat.IsHost ? Peers(meeting, ParticipantState.WaitingRoom) : []);

    private static List<SeatPeer> Peers(MeetingSnapshot meeting, ParticipantState state) =>
        meeting.Participants.Where(p => p.State == state).Select(p => new SeatPeer(p.UserId, p.Name)).ToList();
}
