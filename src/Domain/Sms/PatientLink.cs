using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Domain.Sms;

/// <summary>
/// The short link a patient gets by SMS: it lets one patient of one visit in without MyChart, and dies with the visit
/// (or after <see cref="MaxLifetime"/>, if Zoom never says the meeting ended). Its id travels signed in the URL.
/// </summary>
public sealed class PatientLink
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    private PatientLink()
    {
        Id = "";
    }

    public string Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public VisitId VisitId { get; private set; }
    public Guid ParticipantId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public int OpenCount { get; private set; }
    public DateTime? LastOpenedAtUtc { get; private set; }

    public static PatientLink For(string id, VideoVisit visit, VisitParticipant patient, DateTime nowUtc)
    {
        if (patient.Role != ParticipantRole.Patient)
            throw new DomainRuleViolationException("PatientLinkForPatients", "A visit link by SMS is for the visit's patient.");
        return new PatientLink
        {
            Id = id, TenantId = visit.TenantId, VisitId = visit.Id, ParticipantId = patient.Id, CreatedAtUtc = nowUtc,
            ExpiresAtUtc = nowUtc + MaxLifetime,
        };
    }

    /// <summary>Valid while the visit has not ended and the link is not older than its lifetime.</summary>
    public bool IsValidFor(VideoVisit visit, DateTime nowUtc) => visit.Id == VisitId && visit.EndedAtUtc is null && nowUtc < ExpiresAtUtc;

    /// <summary>A new text for the same visit keeps the link and restarts its lifetime.</summary>
    public void Renew(DateTime nowUtc) => ExpiresAtUtc = nowUtc + MaxLifetime;

    public void Opened(DateTime nowUtc)
    {
        OpenCount++;
        LastOpenedAtUtc = nowUtc;
    }
}
