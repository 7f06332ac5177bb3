using EpicZoom.Application.Common.Exceptions;
using System.Security.Cryptography;
using System.Text;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using EpicZoom.Domain.ZoomAccounts;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.ZoomAccounts.Common;

/// <summary>A Zoom user to act as one Epic person, and a note when the wished-for account could not be used.</summary>
public sealed record ZoomIdentity(string ZoomUserId, string Email, string? Warning = null);

/// <summary>
/// Finds or creates the Zoom users behind Epic people: a provider's own account (useProviderZoomAccount, by e-mail),
/// else one auto-created per provider and reused; and a temporary account per patient and visit.
/// </summary>
public sealed class ZoomIdentities(IAppDbContext db, IZoomApi zoom, IRandomTokens tokens, TimeProvider clock)
{
    public static readonly TimeSpan PatientAccountGrace = TimeSpan.FromHours(24);

    public async Task<ZoomIdentity> ProviderAsync(Tenant tenant, ZoomConnection connection, string epicId, string? ownEmail,
        bool useOwnAccount, string? firstName, string? lastName, CancellationToken ct)
    {
        string? warning = null;
        if (useOwnAccount)
        {
            if (ownEmail is not null && await zoom.GetUserAsync(connection, ownEmail, ct) is { } own)
            {
                await RecordAsync(tenant.Id, ZoomAccountKind.Provider, epicId, own.Id, own.Email, createdByEpicZoom: false, null, ct);
                return new ZoomIdentity(own.Id, own.Email);
            }
            // Better a visit on an auto-created account than a clinician stuck in front of an error page.
            warning = ownEmail is null
                ? "useProviderZoomAccount is on, but Epic gave no e-mail for the provider; an auto-created Zoom account was used."
                : "useProviderZoomAccount is on, but no Zoom user has the provider's e-mail; an auto-created Zoom account was used.";
        }

        var known = await db.ZoomAccounts
            .FirstOrDefaultAsync(a => a.TenantId == tenant.Id && a.Kind == ZoomAccountKind.Provider && a.EpicId == epicId && a.CreatedByEpicZoom, ct);
        if (known is not null) return await StillInZoomAsync(connection, known, firstName, lastName, (int)tenant.Zoom.ProviderUserType, warning, ct);

        var email = $"ez-{Fingerprint(tenant.Id, epicId)}@{tenant.Zoom.UserEmailDomain}";
        var user = await CreateOrFindAsync(connection, new ZoomUserToCreate(email, firstName ?? "Provider", lastName ?? "", (int)tenant.Zoom.ProviderUserType), ct);
        await RecordAsync(tenant.Id, ZoomAccountKind.Provider, epicId, user.Id, user.Email, createdByEpicZoom: true, null, ct);
        return new ZoomIdentity(user.Id, user.Email, warning);
    }

    /// <summary>
    /// The patient's temporary Zoom identity for this visit (participant webhooks carry its user id). The visit
    /// assigns it (<see cref="VideoVisit.AssignZoomUser"/>) and its account record goes in the same commit; concurrent
    /// launches of the same patient race on the visit's concurrency token: one Zoom user wins, the others are
    /// deleted again at once. <paramref name="visit"/> may be untracked; the tracker is cleared when the race is lost.
    /// </summary>
    public async Task<string> PatientAsync(Tenant tenant, ZoomConnection connection, VideoVisit visit, VisitParticipant participant,
        string? firstName, string? lastName, CancellationToken ct)
    {
        if (participant.ZoomUserId is { } known) return known;

        var email = $"pt-{tokens.NewToken(9).ToLowerInvariant().Replace('_', 'x').Replace('-', 'y')}@{tenant.Zoom.UserEmailDomain}";
        var user = await CreateOrFindAsync(connection, new ZoomUserToCreate(email, firstName ?? "Patient", lastName ?? "", (int)ProviderUserType.Basic), ct);
        for (var attempt = 0; ; attempt++)
        {
            var current = db.VideoVisits.Local.Contains(visit)
                ? visit
                : await db.VideoVisits.Include(v => v.Participants).SingleAsync(v => v.Id == visit.Id, ct);
            var winner = current.Participants.Single(p => p.Id == participant.Id).ZoomUserId;
            if (winner is not null)
            {
                await zoom.DeleteUserAsync(connection, user.Id, ct);
                return winner;
            }
            current.AssignZoomUser(participant.Id, user.Id);
            var deleteAfter = clock.GetUtcNow().UtcDateTime + PatientAccountGrace;
            db.ZoomAccounts.Add(ZoomAccount.Record(tenant.Id, ZoomAccountKind.Patient, $"{visit.Id}:{participant.EpicId}", user.Id, user.Email,
                createdByEpicZoom: true, clock.GetUtcNow().UtcDateTime, deleteAfter));
            try
            {
                await db.SaveChangesAsync(ct);
                return user.Id;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.DiscardChanges(); // another launch changed the visit first: read it again and decide again
                visit = current;
            }
        }
    }

    /// <summary>
    /// A Zoom admin may delete a user EpicZoom created: then every meeting for it would fail with "user does not exist" for ever. One
    /// read says whether it still exists; if not, the user is found again by its e-mail or created anew with it, and
    /// the record follows.
    /// </summary>
    private async Task<ZoomIdentity> StillInZoomAsync(ZoomConnection connection, ZoomAccount known, string? firstName, string? lastName,
        int userType, string? warning, CancellationToken ct)
    {
        if (await zoom.GetUserAsync(connection, known.ZoomUserId, ct) is not null) return new ZoomIdentity(known.ZoomUserId, known.Email, warning);
        var user = await zoom.GetUserAsync(connection, known.Email, ct)
            ?? await CreateOrFindAsync(connection, new ZoomUserToCreate(known.Email, firstName ?? "Provider", lastName ?? "", userType), ct);
        known.Relink(user.Id, user.Email, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.DiscardChanges(); // a concurrent launch relinked it first; both found or made the same user by e-mail
        }
        return new ZoomIdentity(user.Id, user.Email, warning);
    }

    private async Task<ZoomUser> CreateOrFindAsync(ZoomConnection connection, ZoomUserToCreate user, CancellationToken ct)
    {
        try
        {
            return await zoom.CreateUserAsync(connection, user, ct);
        }
        catch (ZoomApiException ex) when (ex.Failure == ZoomFailure.EmailTaken)
        {
            // Created by a launch that lost the race to record it (or by an earlier install): adopt it.
            return await zoom.GetUserAsync(connection, user.Email, ct)
                ?? throw new AppException(LaunchErrors.ZoomRequestFailed, "Zoom reports the user exists but cannot find it", ex);
        }
    }

    private async Task<ZoomIdentity> RecordAsync(TenantId tenantId, ZoomAccountKind kind, string epicId, string zoomUserId, string email,
        bool createdByEpicZoom, DateTime? deleteAfter, CancellationToken ct)
    {
        var exists = await db.ZoomAccounts.AnyAsync(a => a.TenantId == tenantId && a.Kind == kind && a.EpicId == epicId && a.ZoomUserId == zoomUserId, ct);
        if (exists) return new ZoomIdentity(zoomUserId, email);
        var account = ZoomAccount.Record(tenantId, kind, epicId, zoomUserId, email, createdByEpicZoom, clock.GetUtcNow().UtcDateTime, deleteAfter);
        db.ZoomAccounts.Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent launch of the same person recorded it first. Forget only this row: the caller may hold a
            // tracked visit with its meeting claim.
            db.ZoomAccounts.Remove(account);
        }
        return new ZoomIdentity(zoomUserId, email);
    }

    /// <summary>Stable per tenant and person, reveals neither (Epic ids are PHI-adjacent and must not sit in a Zoom e-mail).</summary>
    private static string Fingerprint(TenantId tenant, string epicId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant.Value:N}:{epicId}")))[..20].ToLowerInvariant();
}
