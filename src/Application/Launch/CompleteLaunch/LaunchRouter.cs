using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Application.ZoomAccounts.Common;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Launch.CompleteLaunch;

/// <summary>
/// After a successful SMART launch: the visit for the CSN, its one meeting, and where this person goes. Providers and
/// nurses host when they are the encounter provider or the first to arrive; patients wait for the host.
/// </summary>
public sealed class LaunchRouter(
    IAppDbContext db, IZoomApi zoom, TenantConnections connections, VisitMeetings meetings, ZoomIdentities identities,
    ISecretProtector protector, IVisitPasses passes, TimeProvider clock)
{
    public static readonly TimeSpan PassLifetime = TimeSpan.FromHours(12);

    public async Task<LaunchOutcome> RouteAsync(LaunchInput launch, CancellationToken ct)
    {
        var tenant = launch.Tenant;
        if (launch.Type == LaunchType.DeviceTest) return await DeviceTestAsync(launch, ct);

        var connection = connections.Zoom(tenant);
        try
        {
            var visit = await meetings.EnsureVisitAsync(tenant.Id, launch.Context.Csn!, ct);
            return launch.Type switch
            {
                LaunchType.Provider or LaunchType.Nurse => await ClinicianAsync(launch, connection, visit, ct),
                LaunchType.Patient => await PatientAsync(launch, connection, visit, ct),
                LaunchType.ZoomRoom => await ZoomRoomAsync(launch, connection, visit, ct),
                _ => throw new AppException(LaunchErrors.InvalidRequest, "unknown launch type"),
            };
        }
        catch (ZoomApiException ex) when (ex.Failure == ZoomFailure.AuthenticationFailed)
        {
            throw new AppException(LaunchErrors.ZoomAuthenticationFailed, $"Zoom {ex.HttpStatus} code {ex.ZoomCode}", ex);
        }
        catch (ZoomApiException ex) when (ex.Failure == ZoomFailure.RateLimited)
        {
            // EpicZoom already waited what Zoom allows within its cap; a launch must not hang for longer.
            var limit = ex.RateLimitType is { Length: > 0 } type ? $" ({Domain.Common.SafeText.Sanitize(type, 20)})" : "";
            var after = ex.RetryAfter is { } wait ? $"; Zoom says retry after {Math.Ceiling(wait.TotalSeconds):0} s" : "";
            throw new AppException(LaunchErrors.ZoomRequestFailed, $"Zoom rate-limited this account{limit}{after}", ex);
        }
        catch (ZoomApiException ex)
        {
            throw new AppException(LaunchErrors.ZoomRequestFailed, $"Zoom {ex.HttpStatus} code {ex.ZoomCode}", ex);
        }
        catch (ZoomUnavailableException ex)
        {
            throw new AppException(LaunchErrors.ZoomRequestFailed, ex.TimedOut ? "Zoom did not answer in time" : "Zoom could not be reached", ex);
        }
    }

    private async Task<LaunchOutcome> ClinicianAsync(LaunchInput launch, ZoomConnection connection, VideoVisit visit, CancellationToken ct)
    {
        var context = launch.Context;
        var epicId = (launch.Type == LaunchType.Provider
            ? context.EpicUserId ?? context.EpicProviderId
            : context.EpicProviderId ?? context.EpicUserId) ?? launch.Token.IdTokenSubject
            ?? throw new AppException(LaunchErrors.MissingIdentity);

        var identity = default(ZoomIdentity);
        async Task<string> ZoomUserFor(CancellationToken token)
        {
            // The e-mail only selects the provider's own Zoom account: read FHIR only when that is wanted.
            identity = await identities.ProviderAsync(launch.Tenant, connection, epicId,
                context.UseProviderZoomAccount ? await launch.Reads.ProviderEmailAsync(token) : null,
                context.UseProviderZoomAccount, context.FirstName, context.LastName, token);
            return identity.ZoomUserId;
        }

        var ensured = await meetings.EnsureMeetingAsync(launch.Tenant, connection, visit, new HostCandidate(epicId, ZoomUserFor), ct);
        visit = ensured.Visit;
        var role = launch.Type == LaunchType.Provider ? ParticipantRole.Provider : ParticipantRole.Nurse;
        // Epic names one clinician several ways (EMP user id, provider id, FHIR Practitioner id); a patient's
        // encounterProviderId may be any of them, so the host is whoever matches one.
        var isHost = ClinicianIds(launch, epicId).Any(visit.IsHost);
        string url;
        VisitParticipant clinician;
        if (isHost)
        {
            // start_url is a host credential that expires: never stored; taken from the meeting just created, else re-read.
            url = ensured.StartUrlJustCreated
                  ?? (await zoom.GetMeetingAsync(connection, visit.ZoomMeetingId!.Value, ct))?.StartUrl
                  ?? throw new AppException(LaunchErrors.ZoomRequestFailed, "meeting no longer exists in Zoom");
            (visit, clinician) = await EnlistAsync(visit, epicId, role, visit.HostZoomUserId, isHost: true, ct);
        }
        else
        {
            await ZoomUserFor(ct);
            url = JoinLinks.Personal(protector.Unprotect(visit.JoinUrlProtected!), await zoom.GetZakAsync(connection, identity!.ZoomUserId, ct));
            (visit, clinician) = await EnlistAsync(visit, epicId, role, identity.ZoomUserId, isHost: false, ct);
        }
        return new GoToMeeting(launch.Tenant.Id.Value, launch.Type, url, isHost, context.NoRedirect)
        {
            TextPatient = context.NoRedirect ? await TextPatientOfferAsync(launch, visit, clinician, ct) : null,
        };
    }

    /// <summary>
    /// The clinician's page may text the patient a link when the tenant has SMS and the launch names a patient: the
    /// patient is enlisted by their FHIR id (the link will need them), and their mobile is read to pre-fill the form.
    /// </summary>
    private async Task<TextPatientOffer?> TextPatientOfferAsync(LaunchInput launch, VideoVisit visit, VisitParticipant clinician, CancellationToken ct)
    {
        if (!launch.Tenant.CanSendSms || string.IsNullOrEmpty(launch.Token.Patient)) return null;
        var (_, patient) = await EnlistAsync(visit, launch.Token.Patient, ParticipantRole.Patient, null, isHost: false, ct);
        var pass = passes.Issue(new VisitPass(visit.Id.Value, patient.Id, VisitPass.TextPatient, clinician.Id), PassLifetime);
        return new TextPatientOffer(pass, await launch.Reads.PatientMobileAsync(ct));
    }

    private static IEnumerable<string> ClinicianIds(LaunchInput launch, string epicId)
    {
        var practitionerId = LaunchReads.PractitionerId(launch.Token.FhirUser);
        return new[] { epicId, launch.Context.EpicProviderId, launch.Context.EpicUserId, practitionerId }
            .OfType<string>().Where(id => id.Length > 0).Distinct();
    }

    private async Task<LaunchOutcome> PatientAsync(LaunchInput launch, ZoomConnection connection, VideoVisit visit, CancellationToken ct)
    {
        var context = launch.Context;
        var epicId = context.EpicUserId ?? launch.Token.Patient ?? throw new AppException(LaunchErrors.MissingIdentity);

        if (!visit.HasMeeting)
        {
            // Patient first: the meeting is made for the encounter provider, who hosts it when they launch.
            var hostEpicId = context.EncounterProviderId ?? await launch.Reads.EncounterPractitionerAsync(ct);
            visit = (await meetings.EnsureMeetingAsync(launch.Tenant, connection, visit, new HostCandidate(hostEpicId, async token =>
                (await identities.ProviderAsync(launch.Tenant, connection, hostEpicId, null, false, null, null, token)).ZoomUserId), ct)).Visit;
        }

        (visit, var participant) = await EnlistAsync(visit, epicId, ParticipantRole.Patient, null, isHost: false, ct);
        await identities.PatientAsync(launch.Tenant, connection, visit, participant, context.FirstName, context.LastName, ct);
        return new WaitForHost(launch.Tenant.Id.Value, launch.Type,
            passes.Issue(new VisitPass(visit.Id.Value, participant.Id, VisitPass.WaitingRoom), PassLifetime));
    }

    private async Task<LaunchOutcome> ZoomRoomAsync(LaunchInput launch, ZoomConnection connection, VideoVisit visit, CancellationToken ct)
    {
        var context = launch.Context;
        if (string.IsNullOrWhiteSpace(context.RoomName)) throw new AppException(LaunchErrors.ZoomRoomNotFound, "no roomName in the launch context");
        var room = (await zoom.FindRoomsAsync(connection, context.RoomName, ct))
            .FirstOrDefault(r => string.Equals(r.Name, context.RoomName, StringComparison.OrdinalIgnoreCase))
            ?? throw new AppException(LaunchErrors.ZoomRoomNotFound);

        var providerId = context.EpicProviderId ?? context.EpicUserId ?? throw new AppException(LaunchErrors.MissingIdentity);
        visit = (await meetings.EnsureMeetingAsync(launch.Tenant, connection, visit, new HostCandidate(providerId, async token =>
            (await identities.ProviderAsync(launch.Tenant, connection, providerId,
                context.UseProviderZoomAccount ? await launch.Reads.ProviderEmailAsync(token) : null,
                context.UseProviderZoomAccount, context.FirstName, context.LastName, token)).ZoomUserId), ct)).Visit;

        var password = visit.MeetingPasswordProtected is { } p ? protector.Unprotect(p) : null;
        await zoom.JoinRoomToMeetingAsync(connection, room.Id, visit.ZoomMeetingId!.Value, password, ct);
        await EnlistAsync(visit, room.Id, ParticipantRole.ZoomRoom, null, isHost: false, ct);
        return new ZoomRoomCalled(launch.Tenant.Id.Value, launch.Type, context.RoomDisplay ?? room.Name, room.Status, visit.ZoomMeetingId.Value);
    }

    private async Task<LaunchOutcome> DeviceTestAsync(LaunchInput launch, CancellationToken ct)
    {
        var epicId = launch.Context.EpicUserId ?? launch.Token.Patient ?? throw new AppException(LaunchErrors.MissingIdentity);
        var visit = await meetings.EnsureVisitAsync(launch.Tenant.Id, launch.Context.Csn!, ct);
        var (_, participant) = await EnlistAsync(visit, epicId, ParticipantRole.Patient, null, isHost: false, ct);
        return new OpenDeviceTest(launch.Tenant.Id.Value, launch.Type,
            passes.Issue(new VisitPass(visit.Id.Value, participant.Id, VisitPass.DeviceTest), PassLifetime));
    }

    /// <summary>
    /// Adds the person to the visit once, even when the same person launches twice at the same moment (the
    /// participants' unique index) or the visit changed meanwhile (its concurrency token): the loser reads the visit
    /// again and enlists on that view. Returns the visit as tracked now.
    /// </summary>
    private async Task<(VideoVisit Visit, VisitParticipant Participant)> EnlistAsync(VideoVisit visit, string epicId, ParticipantRole role,
        string? zoomUserId, bool isHost, CancellationToken ct)
    {
        // A lost race to record a Zoom account may have cleared the tracker on the way here.
        if (!db.VideoVisits.Local.Contains(visit)) visit = await db.VideoVisits.Include(v => v.Participants).SingleAsync(v => v.Id == visit.Id, ct);
        for (var attempt = 0; ; attempt++)
        {
            var participant = visit.Enlist(epicId, role, zoomUserId, isHost, Now);
            try
            {
                await db.SaveChangesAsync(ct);
                return (visit, participant);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.DiscardChanges();
                visit = await db.VideoVisits.Include(v => v.Participants).SingleAsync(v => v.Id == visit.Id, ct);
            }
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
