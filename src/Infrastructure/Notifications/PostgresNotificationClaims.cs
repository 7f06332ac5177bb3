using EpicZoom.Application.Notifications.Common;
using EpicZoom.Domain.Notifications;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Infrastructure.Notifications;

/// <summary>
/// The claim on PostgreSQL in one round trip: the due rows are locked with <c>FOR UPDATE SKIP LOCKED</c> (a row another
/// instance is claiming at this moment is passed over, not waited for), leased in the same statement, and returned
/// as tracked records. Locking re-checks a row that changed since the statement began, so a row another instance
/// leased meanwhile fails the lease test and is left alone; two dispatchers never hold one row. Same rules as
/// <see cref="INotificationClaims"/>: due, free, first in line for its person. The status and kind are literals
/// ('Pending', 'DeviceTest': the stored enum names), as in the pending indexes' predicates, so the planner can always
/// prove those and use them; with the probe on the whole Status index instead, a claim under a backlog read every
/// pending row once per candidate (seconds per claim at 500 events/s).
/// </summary>
internal sealed class PostgresNotificationClaims(AppDbContext db) : INotificationClaims
{
    public async Task<List<NotificationRecord>> ClaimAsync(DispatchClaim claim, CancellationToken cancellationToken)
    {
        var skip = claim.SkipTenants.Select(t => t.Value).ToArray();
        var only = claim.OnlyTenant?.Value;
        var claimed = await db.NotificationRecords.FromSql($"""
            UPDATE "NotificationRecords" AS r
            SET "LeaseOwner" = {claim.Owner}, "LeaseExpiresAtUtc" = {claim.LeaseUntilUtc}
            WHERE r."Id" IN (
                SELECT c."Id" FROM "NotificationRecords" AS c
                WHERE c."Status" = 'Pending' AND c."NextAttemptAtUtc" <= {claim.NowUtc}
                  AND (c."LeaseExpiresAtUtc" IS NULL OR c."LeaseExpiresAtUtc" < {claim.NowUtc})
                  AND ({only}::uuid IS NULL OR c."TenantId" = {only}::uuid)
                  AND NOT (c."TenantId" = ANY({skip}::uuid[]))
                  AND (c."Kind" = 'DeviceTest' OR NOT EXISTS (
                      SELECT 1 FROM "NotificationRecords" AS e
                      WHERE e."ParticipantId" = c."ParticipantId" AND e."Sequence" < c."Sequence"
                        AND e."Status" = 'Pending' AND e."Kind" <> 'DeviceTest'))
                ORDER BY c."NextAttemptAtUtc"
                LIMIT {claim.Take}
                FOR UPDATE OF c SKIP LOCKED)
            RETURNING r.*
            """).AsTracking().ToListAsync(cancellationToken);
        return [.. claimed.OrderBy(r => r.Sequence)];
    }
}
