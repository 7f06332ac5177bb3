using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Visits;

/// <summary>
/// One Epic encounter (CSN) of one tenant and its one Zoom meeting. The database keeps one row per (tenant, CSN);
/// the meeting is created by whoever holds the creation claim, so concurrent launches never create two. Every change
/// of the visit's own decisions (the claim, the meeting, a participant's Zoom user, host joined, ended) raises
/// <see cref="Version"/>, a concurrency token: two launches (or instances) that decided on the same view cannot both
/// save, and the loser reloads and decides again. Enlisting a new person is guarded by the participants' unique index
/// and a session by <see cref="VisitParticipant.ConnectionVersion"/>, so neither serialises a whole visit.
/// </summary>
public sealed class VideoVisit
{
    public const int MaxCsnLength = 100;
    public const int MaxClaimLength = 64;
    public static readonly TimeSpan MeetingClaimLifetime = TimeSpan.FromSeconds(30);

    private readonly List<VisitParticipant> participants = [];

    private VideoVisit()
    {
        Csn = "";
    }

    public VisitId Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public string Csn { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public long? ZoomMeetingId { get; private set; }
    public string? ZoomMeetingUuid { get; private set; }
    public string? HostZoomUserId { get; private set; }
    public string? HostEpicId { get; private set; }

    /// <summary>join_url (it carries the meeting passcode): encrypted like any secret.</summary>
    public string? JoinUrlProtected { get; private set; }
    public string? MeetingPasswordProtected { get; private set; }
    public DateTime? MeetingCreatedAtUtc { get; private set; }

    /// <summary>Who may create the meeting right now (a random token) and until when; see <see cref="MeetingClaimLifetime"/>.</summary>
    public string? MeetingClaim { get; private set; }
    public DateTime? MeetingClaimExpiresAtUtc { get; private set; }

    public DateTime? HostJoinedAtUtc { get; private set; }

    /// <summary>Raised by every change of the visit row; checked on save (see the class summary).</summary>
    public int Version { get; private set; }
    public DateTime? EndedAtUtc { get; private set; }

    /// <summary>Zoom settings that differed from what was asked (locked at account level), for the admin.</summary>
    public string? SettingsWarning { get; private set; }

    public IReadOnlyList<VisitParticipant> Participants => participants;

    public bool HasMeeting => ZoomMeetingId is not null;
    public bool HostHasJoined => HostJoinedAtUtc is not null;

    public static VideoVisit Open(TenantId tenantId, string csn, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(csn) || csn.Length > MaxCsnLength)
            throw new DomainRuleViolationException("CsnRequired", $"A visit needs the Epic CSN (1 to {MaxCsnLength} characters).");
        return new VideoVisit { Id = VisitId.New(), TenantId = tenantId, Csn = csn.Trim(), CreatedAtUtc = nowUtc };
    }

    /// <summary>True when nobody has made the meeting and no live claim stands in the way.</summary>
    public bool CanClaimMeetingCreation(DateTime nowUtc) =>
        !HasMeeting && (MeetingClaim is null || MeetingClaimExpiresAtUtc <= nowUtc);

    /// <summary>
    /// Takes the right to create this visit's one Zoom meeting for <see cref="MeetingClaimLifetime"/>. A claim whose
    /// holder died expires; a live one belongs to someone else.
    /// </summary>
    public void ClaimMeetingCreation(string owner, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(owner) || owner.Length > MaxClaimLength)
            throw new DomainRuleViolationException("MeetingClaimHasOwner", $"A meeting claim needs its owner token (1 to {MaxClaimLength} characters).");
        if (HasMeeting)
            throw new DomainRuleViolationException("OneMeetingPerVisit", "This visit already has its Zoom meeting.");
        if (!CanClaimMeetingCreation(nowUtc))
            throw new DomainRuleViolationException("OneMeetingCreator", "Another launch is creating this visit's meeting.");
        MeetingClaim = owner;
        MeetingClaimExpiresAtUtc = nowUtc + MeetingClaimLifetime;
        Version++;
    }

    /// <summary>The holder gave up (Zoom failed): the next launch may claim at once instead of after the claim expires.</summary>
    public void ReleaseMeetingClaim(string owner)
    {
        if (MeetingClaim is null || MeetingClaim != owner)
            throw new DomainRuleViolationException("OnlyTheClaimHolderReleases", "Only the launch that holds the meeting claim can release it.");
        MeetingClaim = null;
        MeetingClaimExpiresAtUtc = null;
        Version++;
    }

    public void AttachMeeting(long meetingId, string uuid, string hostZoomUserId, string hostEpicId,
        string joinUrlProtected, string? passwordProtected, string? settingsWarning, DateTime nowUtc)
    {
        if (HasMeeting)
            throw new DomainRuleViolationException("OneMeetingPerVisit", "This visit already has its Zoom meeting.");
        ZoomMeetingId = meetingId;
        ZoomMeetingUuid = uuid;
        HostZoomUserId = hostZoomUserId;
        HostEpicId = hostEpicId;
        JoinUrlProtected = joinUrlProtected;
        MeetingPasswordProtected = passwordProtected;
        SettingsWarning = settingsWarning;
        MeetingCreatedAtUtc = nowUtc;
        MeetingClaim = null;
        MeetingClaimExpiresAtUtc = null;
        Version++;
    }

    /// <summary>
    /// Gives a participant the Zoom user webhooks will name them by. Once given it stays: a second, different user
    /// for the same person is a lost race (the caller deletes its user again), never an overwrite.
    /// </summary>
    public void AssignZoomUser(Guid participantId, string zoomUserId)
    {
        if (string.IsNullOrWhiteSpace(zoomUserId))
            throw new DomainRuleViolationException("ZoomUserIdentified", "A Zoom user id is required.");
        var participant = participants.SingleOrDefault(p => p.Id == participantId)
            ?? throw new DomainRuleViolationException("ParticipantOfThisVisit", "The participant does not belong to this visit.");
        if (participant.ZoomUserId == zoomUserId) return;
        if (participant.ZoomUserId is not null)
            throw new DomainRuleViolationException("OneZoomUserPerParticipant", "This participant already has a Zoom user.");
        participant.UseZoomUser(zoomUserId);
        Version++;
    }

    /// <summary>Adds the person on their first launch; later launches of the same person return the same participant.</summary>
    public VisitParticipant Enlist(string epicId, ParticipantRole role, string? zoomUserId, bool isHost, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(epicId))
            throw new DomainRuleViolationException("ParticipantIdentified", "A participant needs their Epic id.");
        var existing = participants.FirstOrDefault(p => p.EpicId == epicId && p.Role == role);
        if (existing is not null)
        {
            if (zoomUserId is not null && existing.ZoomUserId is null) AssignZoomUser(existing.Id, zoomUserId);
            return existing;
        }
        if (isHost && role is ParticipantRole.Patient or ParticipantRole.ZoomRoom or ParticipantRole.Guest)
            throw new DomainRuleViolationException("CliniciansHost", "Only a provider or a nurse can host a visit.");
        var participant = VisitParticipant.Create(epicId, role, zoomUserId, isHost, nowUtc);
        participants.Add(participant);
        return participant;
    }

    public bool IsHost(string epicId) => HostEpicId is not null && HostEpicId == epicId;

    /// <summary>
    /// One of a participant's Zoom sessions joined (<paramref name="leftAtUtc"/> null) or left; true when that changed
    /// what Epic should show (the person's state over all their sessions). A host coming in marks the host joined.
    /// </summary>
    public bool RecordSession(Guid participantId, string sessionKey, DateTime? joinedAtUtc, DateTime? leftAtUtc)
    {
        var participant = participants.SingleOrDefault(p => p.Id == participantId)
            ?? throw new DomainRuleViolationException("ParticipantOfThisVisit", "The participant does not belong to this visit.");
        var changed = participant.RecordSession(sessionKey, joinedAtUtc, leftAtUtc);
        if (changed && participant.State == ConnectionState.Connected && participant.IsHost && HasMeeting)
            MarkHostJoined(participant.StateChangedAtUtc!.Value);
        return changed;
    }

    /// <summary>The meeting ended; the first end is the one kept.</summary>
    public void End(DateTime atUtc)
    {
        if (EndedAtUtc is not null) return;
        EndedAtUtc = atUtc;
        Version++;
    }

    public void MarkHostJoined(DateTime nowUtc)
    {
        if (!HasMeeting)
            throw new DomainRuleViolationException("HostJoinsExistingMeeting", "The host cannot join before the meeting exists.");
        if (HostJoinedAtUtc is not null) return;
        HostJoinedAtUtc = nowUtc;
        Version++;
    }
}
