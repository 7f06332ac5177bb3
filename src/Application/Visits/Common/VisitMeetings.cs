using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Visits.Common;

/// <summary>Who would host if this launch creates the meeting.</summary>
public sealed record HostCandidate(string EpicId, Func<CancellationToken, Task<string>> ZoomUserId);

/// <summary>The visit with its meeting, and the start_url when this launch created it (a host credential: never stored).</summary>
public sealed record VisitWithMeeting(VideoVisit Visit, string? StartUrlJustCreated);

/// <summary>
/// One visit per (tenant, CSN) and one Zoom meeting per visit, however many launches arrive at once on however many
/// instances: the visit row is guarded by a unique index, the meeting by the visit's own claim
/// (<see cref="VideoVisit.ClaimMeetingCreation"/>) saved under its concurrency token.
/// </summary>
public sealed class VisitMeetings(
    IAppDbContext db, IZoomApi zoom, ISecretProtector protector, IRandomTokens tokens, TimeProvider clock,
    MeetingSignals signals, VisitMeetingSettings settings)
{
    public async Task<VideoVisit> EnsureVisitAsync(TenantId tenantId, string csn, CancellationToken ct)
    {
        var existing = await Find(tenantId, csn, ct);
        if (existing is not null) return existing;

        var opened = VideoVisit.Open(tenantId, csn, Now);
        db.VideoVisits.Add(opened);
        try
        {
            await db.SaveChangesAsync(ct);
            return opened; // tracked and complete: no need to read back what was just written
        }
        catch (DbUpdateException)
        {
            db.DiscardChanges(); // another launch opened it first: use theirs
        }
        return await Find(tenantId, csn, ct) ?? throw new InvalidOperationException("Visit vanished right after it was opened.");
    }

    /// <summary>Returns the visit with its meeting, creating the meeting (hosted by <paramref name="host"/>) if nobody has.</summary>
    public async Task<VisitWithMeeting> EnsureMeetingAsync(Tenant tenant, ZoomConnection connection, VideoVisit visit, HostCandidate host, CancellationToken ct)
    {
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
                    visit = await Reload(visit, ct); // another launch changed the visit first: decide again on its view
                    continue;
                }
                return await CreateMeetingAsync(tenant, connection, visit, owner, host, ct);
            }

            if (Now > deadline) throw new AppException(LaunchErrors.MeetingNotReady, "another launch is still creating the meeting");
            await Task.WhenAny(woken, Task.Delay(settings.RecheckInterval, clock, ct));
            ct.ThrowIfCancellationRequested();
            visit = await Reload(visit, ct);
        }
        return new VisitWithMeeting(visit, null);
    }

    private async Task<VisitWithMeeting> CreateMeetingAsync(Tenant tenant, ZoomConnection connection, VideoVisit visit, string owner,
        HostCandidate host, CancellationToken ct)
    {
        ZoomMeeting meeting;
        string hostZoomUserId;
        var waitingRoom = tenant.AdmittancePolicy == PatientAdmittancePolicy.HostAdmitsFromWaitingRoom;
        var wanted = new ZoomMeetingSettings(JoinBeforeHost: false, WaitingRoom: waitingRoom, HostVideo: true, ParticipantVideo: true, MuteUponEntry: false);
        try
        {
            hostZoomUserId = await host.ZoomUserId(ct);
            meeting = await zoom.CreateMeetingAsync(connection, hostZoomUserId,
                new ZoomMeetingToCreate($"Video visit {tokens.NewToken(4)}", Now, 60, tokens.NewPasscode(10), wanted), ct);
        }
        catch
        {
            await ReleaseAsync(visit, owner);
            throw;
        }

        var overridden = Overrides(wanted, meeting.Settings);
        // The host candidate's own writes (a lost race to record its Zoom account) may have cleared the tracker.
        if (!db.VideoVisits.Local.Contains(visit)) visit = await Tracked(visit, ct);
        visit.AttachMeeting(meeting.Id, meeting.Uuid, hostZoomUserId, host.EpicId, protector.Protect(meeting.JoinUrl),
            meeting.Password is null ? null : protector.Protect(meeting.Password), overridden, Now);
        if (overridden is not null)
        {
            var stored = await db.Tenants.SingleAsync(t => t.Id == tenant.Id, ct);
            stored.RecordZoomSettingsOverride(overridden, Now);
        }
        await db.SaveChangesAsync(ct); // under the claim nobody else changes the meeting; a conflict here is a bug worth its error
        signals.Changed(visit.Id);
        return new VisitWithMeeting(visit, meeting.StartUrl);
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

    private async Task<VideoVisit> Reload(VideoVisit visit, CancellationToken ct)
    {
        db.DiscardChanges();
        return await Tracked(visit, ct);
    }

    /// <summary>The tracked instance when there is one (EF hands it back unchanged), else the row as stored.</summary>
    private Task<VideoVisit> Tracked(VideoVisit visit, CancellationToken ct) =>
        db.VideoVisits.Include(v => v.Participants).SingleAsync(v => v.Id == visit.Id, ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
