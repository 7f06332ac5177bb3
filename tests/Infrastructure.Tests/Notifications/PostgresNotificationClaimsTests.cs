using System.Collections.Concurrent;
using EpicZoom.Application.Notifications.Common;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using EpicZoom.Infrastructure.Notifications;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Infrastructure.Tests.Notifications;

/// <summary>
/// The one-statement claim (UPDATE … FOR UPDATE SKIP LOCKED … RETURNING) on a real PostgreSQL: dispatchers claiming
/// at the same time never hold one record together, each takes only what is due and first in line for its person,
/// and leaves out the tenants it is told to.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresNotificationClaimsTests(PostgresFixture postgres)
{
    private static readonly DateTime Now = new(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task FourDispatchersAtOnce_NeverClaimOneRecordTwice_AndEachPersonsReportsGoInOrder()
    {
        var (connection, tenant) = await NewDatabaseAsync();
        await StoreAsync(connection, People(tenant, 40).SelectMany(p => Enumerable.Range(1, 4).Select(n => Report(p, n))).ToList());
        var sent = new ConcurrentQueue<(string Owner, Guid Participant, long Sequence)>();
        var holding = 0;

        async Task DispatchAs(string owner)
        {
            var idle = 0;
            while (idle < 3)
            {
                await using var db = Open(connection);
                var claimed = await new PostgresNotificationClaims(db).ClaimAsync(new DispatchClaim(owner, Now, Now.AddMinutes(5), 9, []), CancellationToken.None);
                if (claimed.Count == 0)
                {
                    idle++;
                    await Task.Delay(20);
                    continue;
                }
                idle = 0;
                Interlocked.Add(ref holding, claimed.Count);
                Assert.All(claimed, r => Assert.Equal((owner, (DateTime?)Now.AddMinutes(5)), (r.LeaseOwner, r.LeaseExpiresAtUtc)));
                Assert.Equal(claimed.Count, claimed.Select(r => r.ParticipantId).Distinct().Count());
                foreach (var record in claimed)
                {
                    sent.Enqueue((owner, record.ParticipantId, record.Sequence));
                    record.RecordAttempt(200, TimeSpan.FromMilliseconds(1), "", Now, TimeSpan.FromSeconds(5));
                }
                Interlocked.Add(ref holding, -claimed.Count);
                await db.SaveChangesAsync();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => DispatchAs($"instance-{i}"))));

        var all = sent.ToList();
        Assert.Equal(160, all.Count);
        Assert.Equal(160, all.Select(s => (s.Participant, s.Sequence)).Distinct().Count());
        Assert.True(all.Select(s => s.Owner).Distinct().Count() > 1, "the dispatchers shared the work");
        foreach (var person in all.GroupBy(s => s.Participant))
            Assert.Equal([1L, 2, 3, 4], person.Select(s => s.Sequence));
        await using var check = Open(connection);
        Assert.Equal(160, await check.NotificationRecords.CountAsync(r => r.Status == NotificationStatus.Delivered && r.AttemptCount == 1));
    }

    [Fact]
    public async Task AClaim_TakesOnlyWhatIsDueFreeAndFirstInLine_AndLeavesOutSkippedTenants()
    {
        var (connection, tenant) = await NewDatabaseAsync();
        var (_, other) = await NewTenantAsync(connection);
        var people = People(tenant, 3);
        var later = Report(people[1], 1);
        later.RecordAttempt(503, TimeSpan.Zero, "", Now, TimeSpan.FromSeconds(30)); // in backoff
        await StoreAsync(connection, [Report(people[0], 1), Report(people[0], 2), later, Report(People(other, 1)[0], 1)]);
        await using (var db = Open(connection))
            Assert.Single(await new PostgresNotificationClaims(db).ClaimAsync(new DispatchClaim("held", Now, Now.AddMinutes(5), 1, [other]), CancellationToken.None));

        await using var mine = Open(connection);
        var claimed = await new PostgresNotificationClaims(mine).ClaimAsync(new DispatchClaim("me", Now, Now.AddMinutes(5), 100, []), CancellationToken.None);
        await using var probe = Open(connection);
        var onlyOther = await new PostgresNotificationClaims(probe).ClaimAsync(new DispatchClaim("probe", Now, Now.AddMinutes(5), 100, [], other), CancellationToken.None);

        // people[0]'s first report went to "held"; its second waits behind it; people[1]'s is in backoff; the other tenant's remains.
        Assert.Equal([other], claimed.Select(r => r.TenantId));
        Assert.Empty(onlyOther);
    }

    private AppDbContext Open(string connection) => postgres.Databases.Open(connection);

    private async Task<(string Connection, TenantId Tenant)> NewDatabaseAsync()
    {
        var connection = await postgres.Databases.CreateDatabaseAsync("claims");
        await using (var db = Open(connection)) await db.Database.MigrateAsync();
        return await NewTenantAsync(connection);
    }

    private async Task<(string, TenantId)> NewTenantAsync(string connection)
    {
        await using var db = Open(connection);
        var tenant = TestTenants.Valid("claims-" + Guid.NewGuid().ToString("N")[..8], Now);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return (connection, tenant.Id);
    }

    private static List<(VideoVisit Visit, VisitParticipant Who)> People(TenantId tenant, int count)
    {
        var visit = VideoVisit.Open(tenant, $"CSN-{Guid.NewGuid():N}"[..20], Now);
        return Enumerable.Range(0, count).Select(n => (visit, visit.Enlist($"E-{n:000}", ParticipantRole.Patient, $"zoom-{n}", isHost: false, Now))).ToList();
    }

    private static NotificationRecord Report((VideoVisit Visit, VisitParticipant Who) person, int sequence) =>
        NotificationRecord.For(person.Visit, person.Who, sequence % 2 == 1 ? NotificationKind.Connected : NotificationKind.Disconnected, "2", "1", Now, sequence, Now);

    private async Task StoreAsync(string connection, List<NotificationRecord> records)
    {
        await using var db = Open(connection);
        db.NotificationRecords.AddRange(records);
        await db.SaveChangesAsync();
    }
}
