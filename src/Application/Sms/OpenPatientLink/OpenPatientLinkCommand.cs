using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Launch.CompleteLaunch;
using EpicZoom.Application.ZoomAccounts.Common;
using EpicZoom.Domain.Visits;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Sms.OpenPatientLink;

/// <summary>
/// A patient opens the link they were texted (or a guest their invitation, handed to the GuestLinkOpener): the signature is checked before anything is read, then the visit must
/// still be on. They get their temporary Zoom identity (as a MyChart launch would) and a waiting-room pass.
/// </summary>
public sealed record OpenPatientLinkCommand(string Token) : IRequest<PatientLinkOpened>;

public sealed record PatientLinkOpened(Guid TenantId, string WaitingPassToken);

internal sealed class OpenPatientLinkCommandHandler(
    IAppDbContext db, ILinkSigner signer, TenantConnections connections, ZoomIdentities identities, IVisitPasses passes, TimeProvider clock,
    Guests.OpenGuestInvite.GuestLinkOpener guests)
    : IRequestHandler<OpenPatientLinkCommand, PatientLinkOpened>
{
    public async Task<PatientLinkOpened> Handle(OpenPatientLinkCommand request, CancellationToken cancellationToken)
    {
        var id = signer.Verify(request.Token) ?? throw new AppException(LaunchErrors.LinkInvalidOrExpired, "bad signature");
        // One route for both kinds of link: the signed id says which (see GuestInviteLinks).
        if (Guests.Common.GuestInviteLinks.InviteId(id) is { } inviteId) return await guests.OpenAsync(inviteId, cancellationToken);
        var link = await db.PatientLinks.SingleOrDefaultAsync(l => l.Id == id, cancellationToken)
            ?? throw new AppException(LaunchErrors.LinkInvalidOrExpired, "unknown link");
        var visit = await db.VideoVisits.AsNoTracking().Include(v => v.Participants).SingleOrDefaultAsync(v => v.Id == link.VisitId, cancellationToken)
            ?? throw new AppException(LaunchErrors.LinkInvalidOrExpired, "visit gone");
        var now = clock.GetUtcNow().UtcDateTime;
        if (!link.IsValidFor(visit, now)) throw new AppException(LaunchErrors.VisitEnded, visit.EndedAtUtc is null ? "link too old" : "visit ended");
        var patient = visit.Participants.SingleOrDefault(p => p.Id == link.ParticipantId)
            ?? throw new AppException(LaunchErrors.LinkInvalidOrExpired, "patient gone");
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == visit.TenantId, cancellationToken);

        try
        {
            await identities.PatientAsync(tenant, connections.Zoom(tenant), visit, patient, null, null, cancellationToken);
        }
        catch (Exception ex) when (ex is EpicZoom.Application.Common.Interfaces.External.ZoomApiException or EpicZoom.Application.Common.Interfaces.External.ZoomUnavailableException)
        {
            throw new AppException(LaunchErrors.ZoomRequestFailed, "patient identity for a texted link", ex);
        }
        // Losing the race for the patient's Zoom user clears the tracker.
        if (!db.PatientLinks.Local.Contains(link)) link = await db.PatientLinks.SingleAsync(l => l.Id == id, cancellationToken);
        link.Opened(now);
        await db.SaveChangesAsync(cancellationToken);
        return new PatientLinkOpened(tenant.Id.Value,
            passes.Issue(new VisitPass(visit.Id.Value, patient.Id, VisitPass.WaitingRoom), LaunchRouter.PassLifetime));
    }
}
