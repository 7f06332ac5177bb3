using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Visits.Common;

/// <summary>What a signed visit pass opens: the visit with its participants, the participant it names, and the tenant.</summary>
public sealed record PassedVisit(VisitPass Pass, VideoVisit Visit, VisitParticipant Participant, Tenant Tenant);

/// <summary>
/// Reads a visit pass for one purpose and loads what it names; a tampered or expired pass, or a visit or participant
/// that is gone, is <see cref="LaunchErrors.LinkInvalidOrExpired"/> for every page and action that takes a pass.
/// </summary>
public sealed class VisitPassReader(IAppDbContext db, IVisitPasses passes)
{
    /// <param name="tracked">Load the visit for changes (true) or read-only.</param>
    public async Task<PassedVisit> ReadAsync(string token, string purpose, bool tracked, CancellationToken ct)
    {
        var pass = passes.Read(token);
        if (pass is null || pass.Purpose != purpose) throw new AppException(LaunchErrors.LinkInvalidOrExpired);
        var visitId = new VisitId(pass.VisitId);
        var visits = tracked ? db.VideoVisits : db.VideoVisits.AsNoTracking();
        var visit = await visits.Include(v => v.Participants).SingleOrDefaultAsync(v => v.Id == visitId, ct)
            ?? throw new AppException(LaunchErrors.LinkInvalidOrExpired, "visit gone");
        var participant = visit.Participants.SingleOrDefault(p => p.Id == pass.ParticipantId)
            ?? throw new AppException(LaunchErrors.LinkInvalidOrExpired, "participant gone");
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == visit.TenantId, ct);
        return new PassedVisit(pass, visit, participant, tenant);
    }
}
