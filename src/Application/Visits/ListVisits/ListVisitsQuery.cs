using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Common.Validation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Visits.ListVisits;

/// <summary>Live and recent visits, newest first, with each participant's light, the host, the meeting and any warning.</summary>
[Authorize(Roles = AppRoles.Everyone)]
public sealed record ListVisitsQuery(string? Csn = null, int Take = 100) : IRequest<IReadOnlyList<VisitDto>>;

public sealed record VisitDto(Guid Id, string TenantName, string Csn, long? ZoomMeetingId, DateTime CreatedAtUtc, DateTime? HostJoinedAtUtc,
    DateTime? EndedAtUtc, string? SettingsWarning, IReadOnlyList<VisitParticipantDto> Participants)
{
    /// <summary>The texts clinicians sent the patient for this visit, newest first (numbers masked).</summary>
    public IReadOnlyList<Sms.GetTextPatientPanel.SmsMessageDto> Texts { get; init; } = [];

    /// <summary>What the visits page shows (set by the search, which knows the time).</summary>
    public SearchVisits.VisitState? State { get; init; }

    /// <summary>
    /// Patients who came to the visit (launched from MyChart or opened their link, so each has their own Zoom user):
    /// more than one makes it a group visit (Epic's <c>%CONFERENCEID%</c> records). A patient the clinician's page only
    /// offered to text is not counted until they come.
    /// </summary>
    public int PatientCount => Participants.Count(p => p.Role == nameof(Domain.Visits.ParticipantRole.Patient) && p.HasZoomUser);

    public bool IsGroupVisit => PatientCount > 1;

    /// <summary>Guests invited into the visit (revoked ones included: they may have been in it).</summary>
    public int GuestCount => Participants.Count(p => p.Role == nameof(Domain.Visits.ParticipantRole.Guest));
}

/// <summary>
/// One person of a visit. <see cref="Label"/> is what the Visits page shows: the role ("Patient", "Provider") or, for a
/// guest, the role they were invited as ("Interpreter (Spanish)"); <see cref="EpicId"/> is null for a guest, who is not
/// in Epic and is never reported to it.
/// </summary>
public sealed record VisitParticipantDto(string Role, string? EpicId, bool IsHost, string State, DateTime? StateChangedAtUtc, string Label, bool HasZoomUser);

public sealed class ListVisitsQueryValidator : AbstractValidator<ListVisitsQuery>
{
    public ListVisitsQueryValidator()
    {
        RuleFor(q => q.Csn).MaximumLength(100).NoControlCharacters();
        RuleFor(q => q.Take).InclusiveBetween(1, 500);
    }
}

internal sealed class ListVisitsQueryHandler(IAppDbContext db) : IRequestHandler<ListVisitsQuery, IReadOnlyList<VisitDto>>
{
    public async Task<IReadOnlyList<VisitDto>> Handle(ListVisitsQuery request, CancellationToken cancellationToken)
    {
        var query = db.VideoVisits.AsNoTracking().Include(v => v.Participants).AsQueryable();
        if (!string.IsNullOrWhiteSpace(request.Csn)) query = query.Where(v => v.Csn == request.Csn.Trim());
        var visits = await query.OrderByDescending(v => v.CreatedAtUtc).Take(request.Take).ToListAsync(cancellationToken);
        return await ToDtosAsync(db, visits, cancellationToken);
    }

    /// <summary>Visits with their tenant's name, participants and texts, in the order given.</summary>
    internal static async Task<IReadOnlyList<VisitDto>> ToDtosAsync(IAppDbContext db, IReadOnlyList<Domain.Visits.VideoVisit> visits, CancellationToken cancellationToken)
    {
        var tenantIds = visits.Select(v => v.TenantId).Distinct().ToList();
        var names = await db.Tenants.AsNoTracking().Where(t => tenantIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var visitIds = visits.Select(v => v.Id).ToList();
        var texts = (await db.SmsMessages.AsNoTracking().Where(m => visitIds.Contains(m.VisitId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.VisitId);
        var guests = await db.GuestInvites.AsNoTracking().Where(i => visitIds.Contains(i.VisitId))
            .ToDictionaryAsync(i => i.ParticipantId, cancellationToken);
        return visits.Select(v => new VisitDto(v.Id.Value, names.GetValueOrDefault(v.TenantId, "(deleted)"), v.Csn, v.ZoomMeetingId, v.CreatedAtUtc,
                v.HostJoinedAtUtc, v.EndedAtUtc, v.SettingsWarning,
                v.Participants.OrderBy(p => p.FirstLaunchedAtUtc)
                    .Select(p => Participant(v, p, guests.GetValueOrDefault(p.Id))).ToList())
            {
                Texts = texts[v.Id].OrderByDescending(m => m.CreatedAtUtc).Select(Sms.GetTextPatientPanel.SmsMessages.ToDto).ToList(),
            })
            .ToList();
    }

    /// <summary>
    /// A patient of a visit with a meeting but no Zoom user of their own has not come yet: the clinician's page enlisted
    /// them to offer a text (a MyChart launch or an opened text link gives them their Zoom user).
    /// </summary>
    private static VisitParticipantDto Participant(Domain.Visits.VideoVisit v, Domain.Visits.VisitParticipant p, Domain.Guests.GuestInvite? invite) =>
        p.Role == Domain.Visits.ParticipantRole.Guest
            ? new(p.Role.ToString(), null, p.IsHost, p.State.ToString(), p.StateChangedAtUtc,
                invite is null ? "Guest" : invite.IsRevoked ? $"{invite.RoleLabel}, revoked" : invite.RoleLabel, p.ZoomUserId is not null)
            : new(p.Role.ToString(), p.EpicId, p.IsHost, p.State.ToString(), p.StateChangedAtUtc,
                p.Role == Domain.Visits.ParticipantRole.Patient && v.HasMeeting && p.ZoomUserId is null ? "Patient (not arrived)" : RoleLabel(p.Role),
                p.ZoomUserId is not null);

    private static string RoleLabel(Domain.Visits.ParticipantRole role) => role switch
    {
        Domain.Visits.ParticipantRole.ZoomRoom => "Zoom Room",
        _ => role.ToString(),
    };
}
