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
}

public sealed record VisitParticipantDto(string Role, string EpicId, bool IsHost, string State, DateTime? StateChangedAtUtc);

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
        return visits.Select(v => new VisitDto(v.Id.Value, names.GetValueOrDefault(v.TenantId, "(deleted)"), v.Csn, v.ZoomMeetingId, v.CreatedAtUtc,
                v.HostJoinedAtUtc, v.EndedAtUtc, v.SettingsWarning,
                v.Participants.OrderBy(p => p.FirstLaunchedAtUtc)
                    .Select(p => new VisitParticipantDto(p.Role.ToString(), p.EpicId, p.IsHost, p.State.ToString(), p.StateChangedAtUtc)).ToList())
            {
                Texts = texts[v.Id].OrderByDescending(m => m.CreatedAtUtc).Select(Sms.GetTextPatientPanel.SmsMessages.ToDto).ToList(),
            })
            .ToList();
    }
}
