namespace EpicZoom.Domain.Visits;

/// <summary>One Epic person (or Zoom Room) in a visit, with the Zoom identity EpicZoom gave them so webhooks map back.</summary>
public sealed class VisitParticipant
{
    private VisitParticipant()
    {
        EpicId = "";
    }

    public Guid Id { get; private set; }
    public string EpicId { get; private set; }
    public ParticipantRole Role { get; private set; }
    public string? ZoomUserId { get; private set; }
    public bool IsHost { get; private set; }
    public ConnectionState State { get; private set; }
    public DateTime FirstLaunchedAtUtc { get; private set; }
    public DateTime? StateChangedAtUtc { get; private set; }

    internal static VisitParticipant Create(string epicId, ParticipantRole role, string? zoomUserId, bool isHost, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(),
        EpicId = epicId,
        Role = role,
        ZoomUserId = zoomUserId,
        IsHost = isHost,
        State = ConnectionState.NotJoined,
        FirstLaunchedAtUtc = nowUtc,
    };

    internal void UseZoomUser(string zoomUserId) => ZoomUserId = zoomUserId;

    /// <summary>Applies a join or leave seen at <paramref name="atUtc"/>; returns false when it changes nothing (a repeat, or older than what is known).</summary>
    internal bool MoveTo(ConnectionState state, DateTime atUtc)
    {
        if (state == State || (StateChangedAtUtc is { } last && atUtc < last)) return false;
        State = state;
        StateChangedAtUtc = atUtc;
        return true;
    }
}
