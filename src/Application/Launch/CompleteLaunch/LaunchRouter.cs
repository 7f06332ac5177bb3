using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Domain.Launch;

namespace EpicZoom.Application.Launch.CompleteLaunch;

/// <summary>
/// After a successful SMART launch: where this person goes. <see cref="VisitPlacement"/> puts them in the visit of the
/// CSN (its one meeting made if needed); this turns the placement into the way out: Zoom's start_url for the host, a
/// personal join link for other clinicians, the waiting page for a patient, the device test, a Zoom Room called.
/// </summary>
public sealed class LaunchRouter(
    IZoomApi zoom, TenantConnections connections, VisitPlacement placement, ISecretProtector protector, IVisitPasses passes)
{
    public static readonly TimeSpan PassLifetime = TimeSpan.FromHours(12);

    public async Task<LaunchOutcome> RouteAsync(LaunchInput launch, CancellationToken ct)
    {
        var tenant = launch.Tenant;
        if (launch.Type == LaunchType.DeviceTest) return await DeviceTestAsync(launch, ct);

        var connection = connections.Zoom(tenant);
        try
        {
            return launch.Type switch
            {
                LaunchType.Provider or LaunchType.Nurse => await ClinicianAsync(launch, connection, ct),
                LaunchType.Patient => await PatientAsync(launch, connection, ct),
                LaunchType.ZoomRoom => await ZoomRoomAsync(launch, connection, ct),
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

    private async Task<LaunchOutcome> ClinicianAsync(LaunchInput launch, ZoomConnection connection, CancellationToken ct)
    {
        var context = launch.Context;
        var epicId = (launch.Type == LaunchType.Provider
            ? context.EpicUserId ?? context.EpicProviderId
            : context.EpicProviderId ?? context.EpicUserId) ?? launch.Token.IdTokenSubject
            ?? throw new AppException(LaunchErrors.MissingIdentity);

        var placed = await placement.PlaceClinicianAsync(launch, connection, epicId, ClinicianIds(launch, epicId), ct);
        var visit = placed.Visit;
        // start_url is a host credential that expires: never stored; taken from the meeting just created, else re-read.
        var url = placed.IsHost
            ? placed.StartUrlJustCreated
              ?? (await zoom.GetMeetingAsync(connection, visit.ZoomMeetingId!.Value, ct))?.StartUrl
              ?? throw new AppException(LaunchErrors.ZoomRequestFailed, "meeting no longer exists in Zoom")
            : JoinLinks.Personal(protector.Unprotect(visit.JoinUrlProtected!), await zoom.GetZakAsync(connection, placed.ZoomUserId!, ct));
        return new GoToMeeting(launch.Tenant.Id.Value, launch.Type, url, placed.IsHost, context.NoRedirect)
        {
            TextPatient = context.NoRedirect ? await TextPatientOfferAsync(launch, placed, ct) : null,
            InviteGuestsPass = context.NoRedirect
                ? passes.Issue(new VisitPass(placed.Visit.Id.Value, placed.Participant.Id, VisitPass.InviteGuests, placed.Participant.Id), PassLifetime)
                : null,
        };
    }

    /// <summary>
    /// The clinician's page may text the patient a link when the tenant has SMS and the launch names a patient: the
    /// patient is enlisted by their FHIR id (the link will need them), and their mobile is read to pre-fill the form.
    /// </summary>
    private async Task<TextPatientOffer?> TextPatientOfferAsync(LaunchInput launch, Placement clinician, CancellationToken ct)
    {
        if (!launch.Tenant.CanSendSms || string.IsNullOrEmpty(launch.Token.Patient)) return null;
        var patient = await placement.PlaceTextedPatientAsync(clinician.Visit, launch.Token.Patient, ct);
        var pass = passes.Issue(new VisitPass(patient.Visit.Id.Value, patient.Participant.Id, VisitPass.TextPatient, clinician.Participant.Id), PassLifetime);
        return new TextPatientOffer(pass, await launch.Reads.PatientMobileAsync(ct));
    }

    /// <summary>Epic names one clinician several ways (EMP user id, provider id, FHIR Practitioner id); the host is whoever matches one.</summary>
    private static string[] ClinicianIds(LaunchInput launch, string epicId)
    {
        var practitionerId = LaunchReads.PractitionerId(launch.Token.FhirUser);
        return new[] { epicId, launch.Context.EpicProviderId, launch.Context.EpicUserId, practitionerId }
            .OfType<string>().Where(id => id.Length > 0).Distinct().ToArray();
    }

    private async Task<LaunchOutcome> PatientAsync(LaunchInput launch, ZoomConnection connection, CancellationToken ct)
    {
        var epicId = launch.Context.EpicUserId ?? launch.Token.Patient ?? throw new AppException(LaunchErrors.MissingIdentity);
        var placed = await placement.PlacePatientAsync(launch, connection, epicId, ct);
        return new WaitForHost(launch.Tenant.Id.Value, launch.Type,
            passes.Issue(new VisitPass(placed.Visit.Id.Value, placed.Participant.Id, VisitPass.WaitingRoom), PassLifetime));
    }

    private async Task<LaunchOutcome> ZoomRoomAsync(LaunchInput launch, ZoomConnection connection, CancellationToken ct)
    {
        var context = launch.Context;
        if (string.IsNullOrWhiteSpace(context.RoomName)) throw new AppException(LaunchErrors.ZoomRoomNotFound, "no roomName in the launch context");
        var room = (await zoom.FindRoomsAsync(connection, context.RoomName, ct))
            .FirstOrDefault(r => string.Equals(r.Name, context.RoomName, StringComparison.OrdinalIgnoreCase))
            ?? throw new AppException(LaunchErrors.ZoomRoomNotFound);

        var providerId = context.EpicProviderId ?? context.EpicUserId ?? throw new AppException(LaunchErrors.MissingIdentity);
        var placed = await placement.PlaceZoomRoomAsync(launch, connection, room, providerId, ct);
        return new ZoomRoomCalled(launch.Tenant.Id.Value, launch.Type, context.RoomDisplay ?? room.Name, room.Status, placed.Visit.ZoomMeetingId!.Value);
    }

    private async Task<LaunchOutcome> DeviceTestAsync(LaunchInput launch, CancellationToken ct)
    {
        var epicId = launch.Context.EpicUserId ?? launch.Token.Patient ?? throw new AppException(LaunchErrors.MissingIdentity);
        var placed = await placement.PlaceDeviceTestAsync(launch.Tenant.Id, launch.Context.Csn!, epicId, ct);
        return new OpenDeviceTest(launch.Tenant.Id.Value, launch.Type,
            passes.Issue(new VisitPass(placed.Visit.Id.Value, placed.Participant.Id, VisitPass.DeviceTest), PassLifetime));
    }
}
