using EpicZoom.Application.Notifications.Common;
using EpicZoom.Application.Notifications.DispatchNotifications;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tests.Notifications;

/// <summary>
/// The dispatcher on a real SQLite database with a fake Epic and the fake clock: concurrent across people within the
/// per-tenant limit, in order per person, never the same record twice, a batch bounded by its lease, and an Epic
/// outage that costs one probe at a time and ends with every waiting report sent at once.
/// </summary>
public sealed class DispatchNotificationsTests : IDisposable
{
    private const int Limit = 3;
    private readonly FakeEpic epic = new();
    private readonly TestApp app;

    public DispatchNotificationsTests()
    {
        app = new TestApp(telehealth: epic, notificationSettings: new NotificationSettings(dispatchLease: TimeSpan.FromMinutes(1), epicConcurrencyPerTenant: Limit));
    }

    public void Dispose() => app.Dispose();

    private DateTime Now => app.Clock.UtcNow;

    [Fact]
    public async Task ABatch_IsSentConcurrentlyAcrossPeople_ButNeverMoreThanTheTenantLimitAtOnce()
    {
        var tenant = await TenantAsync();
        Store(People(tenant, 20).Select(p => Report(p, 1)).ToArray());
        epic.Gate = FakeEpic.Closed();

        var dispatch = Dispatch();
        await Eventually.HoldsAsync(() => Task.FromResult(epic.InFlight == Limit), "the limit's worth of calls in flight");
        Assert.False(dispatch.IsCompleted);
        epic.Gate.SetResult();
        var attempted = await dispatch;

        Assert.Equal(20, attempted);
        Assert.Equal(Limit, epic.MaxInFlight);
        Assert.Equal(20, epic.Calls);
        Assert.All(Records(), r => Assert.Equal((NotificationStatus.Delivered, 1, (string?)null), (r.Status, r.AttemptCount, r.LeaseOwner)));
    }

    [Fact]
    public async Task APersonsReports_ReachEpicInSequence_WhileOthersAreSentBesideThem()
    {
        var tenant = await TenantAsync();
        var people = People(tenant, 6);
        // Stored newest first, so neither insertion order nor time order gives the sequence away.
        Store(people.SelectMany(p => Enumerable.Range(1, 5).Select(n => Report(p, n))).Reverse().ToArray());

        var rounds = 0;
        while (await Dispatch() > 0) rounds++;

        Assert.Equal(5, rounds); // one report per person per batch, all six people in each
        Assert.Equal(30, epic.Calls);
        foreach (var person in people)
        {
            var statuses = epic.Received.Where(r => r.ExternalId == person.EpicId).Select(r => r.ConnectionStatus).ToList();
            Assert.Equal(["1", "2", "1", "2", "1"], statuses);
        }
    }

    [Fact]
    public async Task TwoDispatchersAtOnce_NeverSendTheSameRecordTwice()
    {
        var tenant = await TenantAsync();
        var people = People(tenant, 30);
        Store(people.SelectMany(p => Enumerable.Range(1, 3).Select(n => Report(p, n))).ToArray());

        async Task DrainAs(string owner)
        {
            while (await app.Send(new DispatchNotificationsCommand(owner, BatchSize: 7)) > 0) { }
        }
        await Task.WhenAll(DrainAs("instance-a"), DrainAs("instance-b"), DrainAs("instance-c"));

        Assert.Equal(90, epic.Calls);
        Assert.All(Records(), r => Assert.Equal((NotificationStatus.Delivered, 1), (r.Status, r.AttemptCount)));
        foreach (var person in people)
            Assert.Equal(["1", "2", "1"], epic.Received.Where(r => r.ExternalId == person.EpicId).Select(r => r.ConnectionStatus));
    }

    [Fact]
    public async Task ABatch_NeverOutlivesItsLease_UnansweredCallsAreRecorded_AndUnstartedOnesGivenBack()
    {
        var tenant = await TenantAsync();
        Store(People(tenant, 5).Select(p => Report(p, 1)).ToArray());
        epic.Gate = FakeEpic.Closed(); // Epic never answers
        var claimedAt = Now;

        var dispatch = Dispatch();
        await Eventually.HoldsAsync(() => Task.FromResult(epic.InFlight == Limit), "the limit's worth of calls in flight");
        await app.Clock.WaitScheduledAsync(TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(10));
        app.Clock.Advance(TimeSpan.FromSeconds(45)); // the deadline: three quarters of the one-minute lease
        await dispatch;

        var records = Records();
        Assert.Equal(Limit, records.Count(r => r.AttemptCount == 1 && r.LastRespCode == 0));
        Assert.Equal(5 - Limit, records.Count(r => r.AttemptCount == 0));
        Assert.All(records, r => Assert.Equal((NotificationStatus.Pending, (string?)null, (DateTime?)null), (r.Status, r.LeaseOwner, r.LeaseExpiresAtUtc)));
        Assert.True(Now < claimedAt + TimeSpan.FromMinutes(1), "the batch was committed before its lease ran out");
    }

    [Fact]
    public async Task AnEpicOutage_CostsOneProbeAtATime_ThenEveryWaitingReportIsSentAtOnce_InOrder()
    {
        var tenant = await TenantAsync();
        var people = People(tenant, 40);
        Store(people.Select(p => Report(p, 1)).ToArray());
        epic.Answer = 503;

        await Dispatch();
        var firstCalls = epic.Calls;
        // Sends already under way when the first 503 came back finish; the rest of the batch is not tried.
        Assert.InRange(firstCalls, 1, Limit);
        Assert.Equal(40 - firstCalls, Records().Count(r => r.AttemptCount == 0 && r.LeaseOwner == null));

        // More reports arrive during the outage; ten minutes pass with the dispatcher polling every second.
        Store(people.Select(p => Report(p, 2)).ToArray());
        var rounds = 0;
        for (var second = 0; second < 600; second++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            rounds += await Dispatch();
        }
        var probes = epic.Calls - firstCalls;
        // Probes every 2 s doubling to 15 s: about 45 in ten minutes, where per-record backoff would have made ~500 attempts.
        Assert.InRange(probes, 30, 50);
        Assert.Equal(probes, rounds);
        var waiting = Records();
        Assert.All(waiting, r => Assert.Equal(NotificationStatus.Pending, r.Status));
        Assert.Equal(firstCalls + probes, waiting.Sum(r => r.AttemptCount));

        // Epic is back: the next probe is answered and everything waiting goes at once, backoffs included.
        epic.Answer = 200;
        app.Clock.Advance(EpicOutages.LongestProbe);
        var sentAfterRecovery = 0;
        for (var round = 0; round < 10; round++) sentAfterRecovery += await Dispatch();

        var after = Records();
        Assert.All(after, r => Assert.Equal(NotificationStatus.Delivered, r.Status));
        Assert.True(sentAfterRecovery >= 80, $"only {sentAfterRecovery} sent after recovery");
        foreach (var person in people)
        {
            var accepted = epic.Received.Where(r => r.ExternalId == person.EpicId).Select(r => r.ConnectionStatus).ToList();
            // Every try of the connect (refused, then accepted) came before the disconnect.
            Assert.Equal(["1", "2"], accepted.Distinct());
            Assert.True(accepted.LastIndexOf("1") < accepted.IndexOf("2"), string.Join(",", accepted));
        }
    }

    [Fact]
    public async Task ARefusalFromEpic_IsNotAnOutage_TheOtherReportsAreStillSent()
    {
        var tenant = await TenantAsync();
        Store(People(tenant, 10).Select(p => Report(p, 1)).ToArray());
        epic.Answer = 400;

        Assert.Equal(10, await Dispatch());

        Assert.Equal(10, epic.Calls);
        Assert.All(Records(), r => Assert.Equal((1, 400), (r.AttemptCount, r.LastRespCode)));
    }

    private Task<int> Dispatch() => app.Send(new DispatchNotificationsCommand("test-dispatcher"));

    private async Task<TenantId> TenantAsync() => new((await app.CreateTenant()).Id);

    private List<VisitParticipant> People(TenantId tenant, int count)
    {
        var visit = VideoVisit.Open(tenant, $"CSN-{Guid.NewGuid():N}"[..20], Now);
        visit.AttachMeeting(81234567890, "uuid==", "zoom-host", "E-PROV", "enc:join", null, null, Now);
        visits[tenant] = visit;
        return Enumerable.Range(0, count).Select(n => visit.Enlist($"E-{n:000}", ParticipantRole.Patient, $"zoom-{n}", isHost: false, Now)).ToList();
    }

    private readonly Dictionary<TenantId, VideoVisit> visits = [];

    /// <summary>The n-th connection report of a person: odd ones connect, even ones disconnect.</summary>
    private NotificationRecord Report(VisitParticipant who, int sequence)
    {
        var visit = visits.Values.Single(v => v.Participants.Contains(who));
        var kind = sequence % 2 == 1 ? NotificationKind.Connected : NotificationKind.Disconnected;
        return NotificationRecord.For(visit, who, kind, "2", kind == NotificationKind.Connected ? "1" : "2", Now, sequence, Now);
    }

    private void Store(params NotificationRecord[] records)
    {
        using var db = app.Db.NewContext();
        db.NotificationRecords.AddRange(records);
        db.SaveChanges();
    }

    private List<NotificationRecord> Records()
    {
        using var db = app.Db.NewContext();
        return db.NotificationRecords.AsNoTracking().ToList();
    }
}
