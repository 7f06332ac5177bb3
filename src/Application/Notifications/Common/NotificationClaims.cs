using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Notifications.Common;

/// <summary>
/// What a dispatcher asks for: up to <paramref name="Take"/> due records, leased to <paramref name="Owner"/> until
/// <paramref name="LeaseUntilUtc"/>, leaving out <paramref name="SkipTenants"/> (tenants whose Epic is down and wait for
/// a probe), or only of <paramref name="OnlyTenant"/> (that probe).
/// </summary>
public sealed record DispatchClaim(string Owner, DateTime NowUtc, DateTime LeaseUntilUtc, int Take, IReadOnlyCollection<TenantId> SkipTenants, TenantId? OnlyTenant = null);

/// <summary>
/// Claims due notification records for one dispatcher, so that two instances never send the same record at once. A
/// record is due when it is pending, its next attempt has come, nobody holds a live lease on it, and it is first in
/// line for its participant (no earlier connection report of the same person is still pending; device-test results
/// neither wait nor hold up a green light), so a claim holds at most one connection report per person. The records
/// come back tracked, ordered by sequence. Infrastructure replaces the portable form on PostgreSQL with one statement.
/// </summary>
public interface INotificationClaims
{
    Task<List<NotificationRecord>> ClaimAsync(DispatchClaim claim, CancellationToken cancellationToken);
}

/// <summary>
/// The portable claim (SQLite, SQL Server): the due ids, one conditional UPDATE that leases those still free, then
/// the rows this owner now holds. Three round trips; on SQLite the UPDATE takes the single write lock, so two claims
/// cannot interleave anyway.
/// </summary>
internal sealed class LeaseNotificationClaims(IAppDbContext db) : INotificationClaims
{
    public async Task<List<NotificationRecord>> ClaimAsync(DispatchClaim claim, CancellationToken cancellationToken)
    {
        var now = claim.NowUtc;
        var due = db.NotificationRecords.Where(r => r.Status == NotificationStatus.Pending && r.NextAttemptAtUtc <= now
            && (r.LeaseExpiresAtUtc == null || r.LeaseExpiresAtUtc < now)
            && (r.Kind == NotificationKind.DeviceTest
                || !db.NotificationRecords.Any(e => e.ParticipantId == r.ParticipantId && e.Sequence < r.Sequence
                    && e.Kind != NotificationKind.DeviceTest && e.Status == NotificationStatus.Pending)));
        if (claim.OnlyTenant is { } only) due = due.Where(r => r.TenantId == only);
        else if (claim.SkipTenants.Count > 0)
        {
            var skip = claim.SkipTenants.ToList();
            due = due.Where(r => !skip.Contains(r.TenantId));
        }
        var candidates = await due.OrderBy(r => r.NextAttemptAtUtc).Select(r => r.Id).Take(claim.Take).ToListAsync(cancellationToken);
        if (candidates.Count == 0) return [];

        await db.NotificationRecords
            .Where(r => candidates.Contains(r.Id) && r.Status == NotificationStatus.Pending && (r.LeaseExpiresAtUtc == null || r.LeaseExpiresAtUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, claim.Owner).SetProperty(r => r.LeaseExpiresAtUtc, claim.LeaseUntilUtc), cancellationToken);
        return await db.NotificationRecords
            .Where(r => candidates.Contains(r.Id) && r.LeaseOwner == claim.Owner && r.LeaseExpiresAtUtc == claim.LeaseUntilUtc)
            .OrderBy(r => r.Sequence).ToListAsync(cancellationToken);
    }
}
