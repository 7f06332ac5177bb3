using System.Security.Cryptography;
using System.Text;
using EpicZoom.Domain.Common;

namespace EpicZoom.Domain.Visits;

/// <summary>One Epic person (or Zoom Room) in a visit, with the Zoom identity EpicZoom gave them so webhooks map back.</summary>
public sealed class VisitParticipant
{
    private readonly List<ParticipantSession> sessions = [];

    private VisitParticipant()
    {
        EpicId = "";
    }

    public Guid Id { get; private set; }
    public string EpicId { get; private set; }
    public ParticipantRole Role { get; private set; }
    public string? ZoomUserId { get; private set; }
    public bool IsHost { get; private set; }

    /// <summary>What Epic was last told (or is about to be): Connected while any session is in.</summary>
    public ConnectionState State { get; private set; }
    public DateTime FirstLaunchedAtUtc { get; private set; }
    public DateTime? StateChangedAtUtc { get; private set; }

    /// <summary>
    /// Raised by every session change and checked on save: two processors applying events of one person at once
    /// cannot both write a state derived from a view the other changed.
    /// </summary>
    public int ConnectionVersion { get; private set; }

    /// <summary>Each Zoom session (participant_uuid) of this person; see <see cref="ParticipantSession"/>.</summary>
    public IReadOnlyList<ParticipantSession> Sessions => sessions;

    /// <summary>
    /// The value Zoom's customer_key may carry to name this participant (32 hex digits; Zoom allows up to 35), for a
    /// join through the Meeting SDK, which passes a customer key and no Zoom user.
    /// </summary>
    public string CustomerKey => Id.ToString("N");

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

    /// <summary>
    /// A Zoom session of this person joined (<paramref name="leftAtUtc"/> null) or left at <paramref name="leftAtUtc"/>
    /// (<paramref name="joinedAtUtc"/> then being the join time the leave carried). Returns true when that changed
    /// <see cref="State"/>: a repeat, a late join after its leave, or a second device coming or going while another
    /// stays change nothing.
    /// </summary>
    internal bool RecordSession(string sessionKey, DateTime? joinedAtUtc, DateTime? leftAtUtc)
    {
        if (joinedAtUtc is null && leftAtUtc is null)
            throw new DomainRuleViolationException("SessionEventHasATime", "A join or leave needs its time.");
        var key = ParticipantSession.KeyFor(sessionKey);
        var session = sessions.FirstOrDefault(s => s.Key == key);
        if (session is null)
        {
            session = ParticipantSession.Open(Id, key);
            sessions.Add(session);
        }
        if (leftAtUtc is { } left) session.Leave(left, joinedAtUtc);
        else session.Join(joinedAtUtc!.Value);
        ConnectionVersion++;

        var state = sessions.Any(s => s.IsIn) ? ConnectionState.Connected : ConnectionState.Disconnected;
        if (state == State) return false;
        State = state;
        StateChangedAtUtc = leftAtUtc ?? joinedAtUtc;
        return true;
    }
}
