using System.Security.Cryptography;
using System.Text;

namespace EpicZoom.Domain.Visits;

/// <summary>
/// One Zoom session of a participant: one device's connection, named by Zoom's <c>participant_uuid</c>. Zoom keeps
/// the uuid while a person moves between the main room and breakout rooms (a leave and a join at the same instant)
/// and gives a reconnect or a second device a new one. Webhooks arrive in any order and may repeat, so a session
/// keeps only the latest join and the latest leave it has heard of (with the join time that leave carried) and
/// derives from them whether it is in: the same set of events gives the same answer in every order.
/// </summary>
public sealed class ParticipantSession
{
    public const int MaxKeyLength = 64;

    private ParticipantSession()
    {
        Key = "";
    }

    public Guid Id { get; private set; }
    public Guid ParticipantId { get; private set; }

    /// <summary>participant_uuid (else the fallback EpicZoom documents in ZoomParticipant.SessionKey), hashed when longer than <see cref="MaxKeyLength"/>.</summary>
    public string Key { get; private set; }
    public DateTime? LastJoinedAtUtc { get; private set; }
    public DateTime? LastLeftAtUtc { get; private set; }

    /// <summary>The join_time carried by the leave at <see cref="LastLeftAtUtc"/>: which stretch of the session that leave closed.</summary>
    public DateTime? LastLeftJoinedAtUtc { get; private set; }

    /// <summary>
    /// In when the latest join is after the latest leave, or at the same instant as a leave that closed an earlier
    /// stretch (a room move: Zoom's times have whole seconds). A join no later than a leave that closed it, a late
    /// join and a repeat all leave the session out. A session with a leave and no join at or after it is out for good
    /// until an event names it again, so a person's state needs only their other sessions and the one an event names.
    /// </summary>
    public bool IsIn => LastJoinedAtUtc is { } joined &&
        (LastLeftAtUtc is not { } left || joined > left || (joined == left && LastLeftJoinedAtUtc is { } closed && closed < joined));

    /// <summary>Zoom's uuids are short; anything longer (or odd) is stored as its hash so the key column stays bounded.</summary>
    public static string KeyFor(string sessionKey) =>
        sessionKey.Length <= MaxKeyLength && sessionKey.All(c => c is >= '!' and <= '~')
            ? sessionKey
            : "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionKey)))[..48].ToLowerInvariant();

    internal static ParticipantSession Open(Guid participantId, string key) =>
        new() { Id = Guid.NewGuid(), ParticipantId = participantId, Key = key };

    internal void Join(DateTime atUtc)
    {
        if (LastJoinedAtUtc is null || atUtc > LastJoinedAtUtc) LastJoinedAtUtc = atUtc;
    }

    internal void Leave(DateTime atUtc, DateTime? joinedAtUtc)
    {
        // A leave's join_time after its leave_time is nonsense: ignore that part.
        var closed = joinedAtUtc is { } j && j <= atUtc ? j : (DateTime?)null;
        if (closed is { } c) Join(c);
        if (LastLeftAtUtc is null || atUtc > LastLeftAtUtc)
        {
            LastLeftAtUtc = atUtc;
            LastLeftJoinedAtUtc = closed;
        }
        else if (atUtc == LastLeftAtUtc && closed is { } later && (LastLeftJoinedAtUtc is null || later > LastLeftJoinedAtUtc))
        {
            LastLeftJoinedAtUtc = later; // two leaves at one instant: the one that closed the later stretch decides
        }
    }
}
