using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Launch.CompleteLaunch;
using EpicZoom.Application.Sms.OpenPatientLink;
using EpicZoom.Application.ZoomAccounts.Common;
using EpicZoom.Domain.Common;
using EpicZoom.Domain.Guests;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Guests.OpenGuestInvite;

/// <summary>
/// A guest opens their invitation (its signature already checked): the invite must still be valid, then the guest gets a
/// temporary Zoom identity named "Name (role, language)", as a texted patient gets theirs, and a waiting-room pass; the
/// admittance policy is the patient's.
/// </summary>
public sealed class GuestLinkOpener(IAppDbContext db, TenantConnections connections, ZoomIdentities identities, IVisitPasses passes, TimeProvider clock)
{
    /// <summary>Zoom's first_name and last_name hold 64 characters each.</summary>
    private const int ZoomNameLength = 64;

    public async Task<PatientLinkOpened> OpenAsync(GuestInviteId id, CancellationToken ct)
    {
        var invite = await db.GuestInvites.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new AppException(LaunchErrors.LinkInvalidOrExpired, "unknown invite");
        var visit = await db.VideoVisits.AsNoTracking().Include(v => v.Participants).SingleOrDefaultAsync(v => v.Id == invite.VisitId, ct)
            ?? throw new AppException(LaunchErrors.LinkInvalidOrExpired, "visit gone");
        var now = clock.GetUtcNow().UtcDateTime;
        if (invite.IsRevoked) throw new AppException(LaunchErrors.InviteRevoked, "invite revoked");
        if (!invite.IsValidFor(visit, now)) throw new AppException(LaunchErrors.VisitEnded, visit.EndedAtUtc is null ? "invite too old" : "visit ended");
        var guest = visit.Participants.SingleOrDefault(p => p.Id == invite.ParticipantId)
            ?? throw new AppException(LaunchErrors.LinkInvalidOrExpired, "guest gone");
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == visit.TenantId, ct);

        var role = invite.Language is null ? $"({invite.Role.Label()})" : $"({invite.Role.Label()}, {invite.Language})";
        try
        {
            await identities.PatientAsync(tenant, connections.Zoom(tenant), visit, guest, SafeText.Clip(invite.DisplayName, ZoomNameLength),
                SafeText.Clip(role, ZoomNameLength), ct);
        }
        catch (Exception ex) when (ex is ZoomApiException or ZoomUnavailableException)
        {
            throw new AppException(LaunchErrors.ZoomRequestFailed, "guest identity for an invitation", ex);
        }
        var tracked = await db.GuestInvites.SingleAsync(i => i.Id == id, ct);
        tracked.Opened(now);
        await db.SaveChangesAsync(ct);
        return new PatientLinkOpened(tenant.Id.Value,
            passes.Issue(new VisitPass(visit.Id.Value, guest.Id, VisitPass.WaitingRoom), LaunchRouter.PassLifetime));
    }
}
