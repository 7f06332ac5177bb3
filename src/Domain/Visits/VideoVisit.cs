using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Visits;

/// <summary>
/// One Epic encounter (CSN) of one tenant and its one Zoom meeting. The database keeps one row per (tenant, CSN);
/// the meeting is created by whoever holds the creation claim, so concurrent launches never create two.
/// </summary>
public sealed class VideoVisit
{
    public const int MaxCsnLength = 100;
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
    }

    /// <summary>Adds the person on their first launch; later launches of the same person return the same participant.</summary>
    public VisitParticipant Enlist(string epicId, ParticipantRole role, string? zoomUserId, bool isHost, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(epicId))
            throw new DomainRuleViolationException("ParticipantIdentified", "A participant needs their Epic id.");
        var existing = participants.FirstOrDefault(p => p.EpicId == epicId && p.Role == role);
        if (existing is not null)
        {
            if (zoomUserId is not null && existing.ZoomUserId is null) existing.UseZoomUser(zoomUserId);
            return existing;
        }
        if (isHost && (role == ParticipantRole.Patient || role == ParticipantRole.ZoomRoom))
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

    public void End(DateTime atUtc) => EndedAtUtc ??= atUtc;

    public void MarkHostJoined(DateTime nowUtc)
    {
        if (!HasMeeting)
            throw new DomainRuleViolationException("HostJoinsExistingMeeting", "The host cannot join before the meeting exists.");
        HostJoinedAtUtc ??= nowUtc;
    }
}
