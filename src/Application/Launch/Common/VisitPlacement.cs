using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.CompleteLaunch;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Application.ZoomAccounts.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Launch.Common;

/// <summary>Where a launch put its person: the visit as saved, their participant, whether they host, and their Zoom user.</summary>
/// <param name="StartUrlJustCreated">The start_url of the meeting this launch created (a host credential: never stored).</param>
public sealed record Placement(VideoVisit Visit, VisitParticipant Participant, bool IsHost, string? ZoomUserId, string? StartUrlJustCreated = null);

/// <summary>
/// Puts a launched person in the visit of their CSN: the visit opened once per (tenant, CSN), its one Zoom meeting
/// made by the first clinician (or, patient first, for the encounter provider), and the person enlisted once. Every
/// decision is the visit's own (<see cref="VideoVisit.ClaimMeetingCreation"/>, <see cref="VideoVisit.AttachMeeting"/>,
/// <see cref="VideoVisit.Enlist"/>, <see cref="VideoVisit.AssignZoomUser"/>) saved under its concurrency token, so
/// launches racing on one visit, on however many instances, never make two meetings or two participants: the loser of
/// a save reads the visit again and decides again on that view.
/// </summary>
public sealed class VisitPlacement(
    IAppDbContext db, IZoomApi zoom, ZoomIdentities identities, ISecretProtector protector, IRandomTokens tokens,
    TimeProvider clock, MeetingSignals signals, VisitMeetingSettings settings)
{
    /// <summary>
    /// Who hosts the meeting if this launch is the one that makes it, and how to find their Zoom user; with
    /// <paramref name="EnlistAs"/>, the host is this launch's own person, enlisted in the same commit as the meeting.
    /// </summary>
    private sealed record MeetingHost(string EpicId, string? FirstName, string? LastName, bool UseOwnAccount, LaunchReads? Reads, ParticipantRole? EnlistAs);

    /// <summary>
    /// A provider or a nurse. They host when they are the person the meeting was made for (Epic names one clinician
    /// several ways: any of <paramref name="clinicianIds"/>) or when they make it; otherwise they join with their own
    /// Zoom user.
    /// </summary>
    public async Task<Placement> PlaceClinicianAsync(LaunchInput launch, ZoomConnection connection, string epicId,
        IReadOnlyCollection<string> clinicianIds, CancellationToken ct)
    {
        var context = launch.Context;
        var role = launch.Type == Domain.Launch.LaunchType.Provider ? ParticipantRole.Provider : ParticipantRole.Nurse;
        var (visit, claim) = await OpenAsync(launch.Tenant.Id, context.Csn!, claimMeeting: true, ct);
        // The clinician who makes the meeting hosts it: enlisted in the commit that records the meeting.
        var host = new MeetingHost(epicId, context.FirstName, context.LastName, context.UseProviderZoomAccount, launch.Reads, role);
        (visit, var startUrl) = await EnsureMeetingAsync(launch.Tenant, connection, visit, claim, host, ct);
        if (clinicianIds.Any(visit.IsHost))
        {
            (visit, var hostParticipant) = await EnlistAsync(visit, epicId, role, visit.HostZoomUserId, isHost: true, ct);
            return new Placement(visit, hostParticipant, IsHost: true, visit.HostZoomUserId, startUrl);
        }

        var identity = await ProviderIdentityAsync(launch.Tenant, connection, host, ct);
        (visit, var participant) = await EnlistAsync(visit, epicId, role, identity.ZoomUserId, isHost: false, ct);
        return new Placement(visit, participant, IsHost: false, identity.ZoomUserId);
    }

    /// <summary>
    /// A patient, with a temporary Zoom user of their own for this visit. Patient first: the meeting is made for the
    /// encounter provider (from the launch context, else the encounter), who hosts it when they launch.
    /// </summary>
    public async Task<Placement> PlacePatientAsync(LaunchInput launch, ZoomConnection connection, string epicId, CancellationToken ct)
    {
        var context = launch.Context;
        var (visit, claim) = await OpenAsync(launch.Tenant.Id, context.Csn!, claimMeeting: true, ct);
        if (!visit.HasMeeting)
        {
            var hostEpicId = context.EncounterProviderId ?? await launch.Reads.EncounterPractitionerAsync(ct);
            (visit, _) = await EnsureMeetingAsync(launch.Tenant, connection, visit, claim, new MeetingHost(hostEpicId, null, null, false, null, null), ct);
        }

        (visit, var participant) = await EnlistAsync(visit, epicId, ParticipantRole.Patient, null, isHost: false, ct);
        var zoomUserId = await identities.PatientAsync(launch.Tenant, connection, visit, participant, context.FirstName, context.LastName, ct);
        return new Placement(visit, participant, IsHost: false, zoomUserId);
    }

    /// <summary>
    /// A Zoom Room called into the meeting (made for the launching provider if nobody has made it), then enlisted, so
    /// a room Zoom refused to call is not recorded as in the visit.
    /// </summary>
    public async Task<Placement> PlaceZoomRoomAsync(LaunchInput launch, ZoomConnection connection, ZoomRoom room, string providerId, CancellationToken ct)
    {
        var context = launch.Context;
        var (visit, claim) = await OpenAsync(launch.Tenant.Id, context.Csn!, claimMeeting: true, ct);
        var host = new MeetingHost(providerId, context.FirstName, context.LastName, context.UseProviderZoomAccount, launch.Reads, null);
        (visit, _) = await EnsureMeetingAsync(launch.Tenant, connection, visit, claim, host, ct);
        var password = visit.MeetingPasswordProtected is { } p ? protector.Unprotect(p) : null;
        await zoom.JoinRoomToMeetingAsync(connection, room.Id, visit.ZoomMeetingId!.Value, password, ct);
        (visit, var enlisted) = await EnlistAsync(visit, room.Id, ParticipantRole.ZoomRoom, null, isHost: false, ct);
        return new Placement(visit, enlisted, IsHost: false, null);
    }

    /// <summary>A patient testing their device: enlisted in the visit (for the pass), no meeting needed.</summary>
    public async Task<Placement> PlaceDeviceTestAsync(TenantId tenantId, string csn, string epicId, CancellationToken ct)
    {
        var (visit, _) = await OpenAsync(tenantId, csn, claimMeeting: false, ct);
        (visit, var participant) = await EnlistAsync(visit, epicId, ParticipantRole.Patient, null, isHost: false, ct);
        return new Placement(visit, participant, IsHost: false, null);
    }

    /// <summary>A patient the clinician's page may text a link to: enlisted by their FHIR id, no Zoom user yet.</summary>
    public async Task<Placement> PlaceTextedPatientAsync(VideoVisit visit, string patientEpicId, CancellationToken ct)
    {
        (visit, var participant) = await EnlistAsync(visit, patientEpicId, ParticipantRole.Patient, null, isHost: false, ct);
        return new Placement(visit, participant, IsHost: false, null);
    }

    /// <summary>
    /// The visit of this CSN, opened by whichever launch gets there first (the unique index decides). With
    /// <paramref name="claimMeeting"/>, a visit opened here is inserted with this launch's claim on its meeting already
    /// taken (one commit instead of two); the claim's owner token comes back, null when the visit existed.
    /// </summary>
    private async Task<(VideoVisit Visit, string? Claim)> OpenAsync(TenantId tenantId, string csn, bool claimMeeting, CancellationToken ct)
    {
        var existing = await Find(tenantId, csn, ct);
        if (existing is not null) return (existing, null);

        var opened = VideoVisit.Open(tenantId, csn, Now);
        var claim = claimMeeting ? tokens.NewToken(16) : null;
        if (claim is not null) opened.ClaimMeetingCreation(claim, Now);
        db.VideoVisits.Add(opened);
        try
        {
            await db.SaveChangesAsync(ct);
            return (opened, claim); // tracked and complete: no need to read back what was just written
        }
        catch (DbUpdateException)
        {
            db.DiscardChanges(); // another launch opened it first: use theirs
        }
        var theirs = await Find(tenantId, csn, ct) ?? throw new InvalidOperationException("Visit vanished right after it was opened.");
        return (theirs, null);
    }

    /// <summary>
    /// The visit with its meeting: made here (hosted by <paramref name="host"/>) by the launch that claims it, waited
    /// for by the others (woken by <see cref="MeetingSignals"/> when the creator on this instance commits or gives up,
    /// and re-reading every <see cref="VisitMeetingSettings.RecheckInterval"/> for a creator on another instance).
    /// </summary>
    private async Task<(VideoVisit Visit, string? StartUrlJustCreated)> EnsureMeetingAsync(Tenant tenant, ZoomConnection connection,
        VideoVisit visit, string? heldClaim, MeetingHost host, CancellationToken ct)
    {
        if (heldClaim is not null) return await CreateMeetingAsync(tenant, connection, visit, heldClaim, host, ct);
        var deadline = Now + settings.WaitForOtherCreator;
        while (!visit.HasMeeting)
        {
            var woken = signals.Next(visit.Id);
            if (visit.CanClaimMeetingCreation(Now))
            {
                var owner = tokens.NewToken(16);
                visit.ClaimMeetingCreation(owner, Now);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    visit = await ReloadAsync(visit, ct); // another launch changed the visit first: decide again on its view
                    continue;
                }
                return await CreateMeetingAsync(tenant, connection, visit, owner, host, ct);
            }

            if (Now > deadline) throw new AppException(LaunchErrors.MeetingNotReady, "another launch is still creating the meeting");
            await Task.WhenAny(woken, Task.Delay(settings.RecheckInterval, clock, ct));
            ct.ThrowIfCancellationRequested();
            visit = await ReloadAsync(visit, ct);
        }
        return (visit, null);
    }

    /// <summary>Under the claim: the host's Zoom user, the meeting, and the visit recording it. Any failure gives the claim up.</summary>
    private async Task<(VideoVisit Visit, string? StartUrlJustCreated)> CreateMeetingAsync(Tenant tenant, ZoomConnection connection,
        VideoVisit visit, string owner, MeetingHost host, CancellationToken ct)
    {
        ZoomMeeting meeting;
        string hostZoomUserId;
        var waitingRoom = tenant.AdmittancePolicy == PatientAdmittancePolicy.HostAdmitsFromWaitingRoom;
        var wanted = new ZoomMeetingSettings(JoinBeforeHost: false, WaitingRoom: waitingRoom, HostVideo: true, ParticipantVideo: true, MuteUponEntry: false);
        try
        {
            hostZoomUserId = (await ProviderIdentityAsync(tenant, connection, host, ct)).ZoomUserId;
            meeting = await zoom.CreateMeetingAsync(connection, hostZoomUserId,
                new ZoomMeetingToCreate($"Video visit {tokens.NewToken(4)}", Now, 60, tokens.NewPasscode(10), wanted), ct);
        }
        catch
        {
            await ReleaseAsync(visit, owner);
            throw;
        }

        var overridden = Overrides(wanted, meeting.Settings);
        // Recording the host's Zoom account may have lost a race and cleared the tracker: then take the visit as stored.
        if (!db.VideoVisits.Local.Contains(visit)) visit = await ReadAsync(visit.Id, ct);
        visit.AttachMeeting(meeting.Id, meeting.Uuid, hostZoomUserId, host.EpicId, protector.Protect(meeting.JoinUrl),
            meeting.Password is null ? null : protector.Protect(meeting.Password), overridden, Now);
        if (host.EnlistAs is { } role) visit.Enlist(host.EpicId, role, hostZoomUserId, isHost: true, Now);
        if (overridden is not null)
        {
            var stored = await db.Tenants.SingleAsync(t => t.Id == tenant.Id, ct);
            stored.RecordZoomSettingsOverride(overridden, Now);
        }
        // Under the claim nobody else changes the meeting, and a clinician cannot be enlisted before it exists: a conflict
        // here is a bug worth its error.
        await db.SaveChangesAsync(ct);
        signals.Changed(visit.Id);
        return (visit, meeting.StartUrl);
    }

    private async Task<ZoomIdentity> ProviderIdentityAsync(Tenant tenant, ZoomConnection connection, MeetingHost host, CancellationToken ct)
    {
        // The e-mail only selects the provider's own Zoom account: FHIR is read only when that is wanted.
        var email = host is { UseOwnAccount: true, Reads: { } reads } ? await reads.ProviderEmailAsync(ct) : null;
        return await identities.ProviderAsync(tenant, connection, host.EpicId, email, host.UseOwnAccount, host.FirstName, host.LastName, ct);
    }

    /// <summary>Let the next launch try at once rather than after the claim expires (best effort: else it expires).</summary>
    private async Task ReleaseAsync(VideoVisit visit, string owner)
    {
        try
        {
            db.DiscardChanges();
            var current = await db.VideoVisits.SingleAsync(v => v.Id == visit.Id, CancellationToken.None);
            if (current.MeetingClaim != owner) return;
            current.ReleaseMeetingClaim(owner);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // changed meanwhile; the claim expires on its own
        }
        finally
        {
            db.DiscardChanges();
            signals.Changed(visit.Id);
        }
    }

    /// <summary>
    /// Adds the person to the visit once, even when the same person launches twice at the same moment (the
    /// participants' unique index) or the visit changed meanwhile (its concurrency token): the loser reads the visit
    /// again and enlists on that view.
    /// </summary>
    private async Task<(VideoVisit Visit, VisitParticipant Participant)> EnlistAsync(VideoVisit visit, string epicId, ParticipantRole role,
        string? zoomUserId, bool isHost, CancellationToken ct)
    {
        // Recording a Zoom account (a lost race) may have cleared the tracker on the way here.
        if (!db.VideoVisits.Local.Contains(visit)) visit = await ReadAsync(visit.Id, ct);
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
                visit = await ReloadAsync(visit, ct);
            }
        }
    }

    /// <summary>A setting locked at Zoom account level silently wins over what was asked: say which.</summary>
    private static string? Overrides(ZoomMeetingSettings wanted, ZoomMeetingSettings got)
    {
        var notes = new List<string>();
        if (wanted.WaitingRoom != got.WaitingRoom)
            notes.Add($"waiting_room is {(got.WaitingRoom ? "on" : "off")} although the admittance policy asks for {(wanted.WaitingRoom ? "on" : "off")} (locked in the Zoom account?)");
        if (wanted.JoinBeforeHost != got.JoinBeforeHost)
            notes.Add($"join_before_host is {(got.JoinBeforeHost ? "on" : "off")} although EpicZoom asked for {(wanted.JoinBeforeHost ? "on" : "off")} (locked in the Zoom account?)");
        return notes.Count == 0 ? null : string.Join("; ", notes);
    }

    private Task<VideoVisit?> Find(TenantId tenantId, string csn, CancellationToken ct) =>
        db.VideoVisits.Include(v => v.Participants).SingleOrDefaultAsync(v => v.TenantId == tenantId && v.Csn == csn, ct);

    /// <summary>Drops what this launch had not saved and reads the visit as stored now.</summary>
    private async Task<VideoVisit> ReloadAsync(VideoVisit visit, CancellationToken ct)
    {
        db.DiscardChanges();
        return await ReadAsync(visit.Id, ct);
    }

    private Task<VideoVisit> ReadAsync(VisitId id, CancellationToken ct) =>
        db.VideoVisits.Include(v => v.Participants).SingleAsync(v => v.Id == id, ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
