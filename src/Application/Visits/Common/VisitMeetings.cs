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

/// <summary>
/// One visit per (tenant, CSN) and one Zoom meeting per visit, however many launches arrive at once on however many
/// instances: the visit row is guarded by a unique index, the meeting by a claim taken with one atomic UPDATE.
/// </summary>
public sealed class VisitMeetings(IAppDbContext db, IZoomApi zoom, ISecretProtector protector, IRandomTokens tokens, TimeProvider clock)
{
    public static readonly TimeSpan WaitForOtherCreator = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    // Scoped to one launch: the start_url of a meeting this launch created, so its host needs no second Zoom call.
    private (Domain.Visits.VisitId Visit, string StartUrl)? created;

    public string? StartUrlJustCreated(VideoVisit visit) => created is { } c && c.Visit == visit.Id ? c.StartUrl : null;

    public async Task<VideoVisit> EnsureVisitAsync(TenantId tenantId, string csn, CancellationToken ct)
    {
        var existing = await Find(tenantId, csn, ct);
        if (existing is not null) return existing;

        db.VideoVisits.Add(VideoVisit.Open(tenantId, csn, Now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.DiscardChanges(); // another launch opened it first: use theirs
        }
        return await Find(tenantId, csn, ct) ?? throw new InvalidOperationException("Visit vanished right after it was opened.");
    }

    /// <summary>Returns the visit with its meeting, creating the meeting (hosted by <paramref name="host"/>) if nobody has.</summary>
    public async Task<VideoVisit> EnsureMeetingAsync(Tenant tenant, ZoomConnection connection, VideoVisit visit, HostCandidate host, CancellationToken ct)
    {
        var deadline = Now + WaitForOtherCreator;
        while (!visit.HasMeeting)
        {
            var claim = tokens.NewToken(16);
            var now = Now;
            var won = await db.VideoVisits
                .Where(v => v.Id == visit.Id && v.ZoomMeetingId == null && (v.MeetingClaim == null || v.MeetingClaimExpiresAtUtc < now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(v => v.MeetingClaim, claim)
                    .SetProperty(v => v.MeetingClaimExpiresAtUtc, now + VideoVisit.MeetingClaimLifetime), ct);
            if (won == 1)
            {
                try
                {
                    return await CreateMeetingAsync(tenant, connection, visit, host, ct);
                }
                catch
                {
                    // Let the next launch try at once rather than after the claim expires.
                    await db.VideoVisits.Where(v => v.Id == visit.Id && v.MeetingClaim == claim)
                        .ExecuteUpdateAsync(s => s.SetProperty(v => v.MeetingClaim, (string?)null), CancellationToken.None);
                    throw;
                }
            }

            if (Now > deadline) throw new AppException(LaunchErrors.MeetingNotReady, "another launch is still creating the meeting");
            await Task.Delay(PollInterval, clock, ct);
            visit = await Reload(visit, ct);
        }
        return visit;
    }

    private async Task<VideoVisit> CreateMeetingAsync(Tenant tenant, ZoomConnection connection, VideoVisit visit, HostCandidate host, CancellationToken ct)
    {
        var hostZoomUserId = await host.ZoomUserId(ct);
        var waitingRoom = tenant.AdmittancePolicy == PatientAdmittancePolicy.HostAdmitsFromWaitingRoom;
        var wanted = new ZoomMeetingSettings(JoinBeforeHost: false, WaitingRoom: waitingRoom, HostVideo: true, ParticipantVideo: true, MuteUponEntry: false);
        var meeting = await zoom.CreateMeetingAsync(connection, hostZoomUserId,
            new ZoomMeetingToCreate($"Video visit {tokens.NewToken(4)}", Now, 60, tokens.NewPasscode(10), wanted), ct);

        created = (visit.Id, meeting.StartUrl);
        visit = await Reload(visit, ct);
        var overridden = Overrides(wanted, meeting.Settings);
        visit.AttachMeeting(meeting.Id, meeting.Uuid, hostZoomUserId, host.EpicId, protector.Protect(meeting.JoinUrl),
            meeting.Password is null ? null : protector.Protect(meeting.Password), overridden, Now);
        if (overridden is not null)
        {
            var stored = await db.Tenants.SingleAsync(t => t.Id == tenant.Id, ct);
            stored.RecordZoomSettingsOverride(overridden, Now);
        }
        await db.SaveChangesAsync(ct);
        return visit;
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
        return await db.VideoVisits.Include(v => v.Participants).SingleAsync(v => v.Id == visit.Id, ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
