using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Notifications.ReplayNotification;
using EpicZoom.Domain.Notifications;
using EpicZoom.Web.Tests.Launch;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// The status-report outbox against the Epic simulator over real HTTP: an Epic outage (errors, then time-outs), a
/// crashed dispatcher's leases, a live one's, a replay after failure, and what the logs must never hold.
/// Faults apply to the whole simulator, so these tests share one app and run one at a time (one xUnit class).
/// Retries are made due by moving NextAttemptAtUtc in the database rather than waiting out the real backoff.
/// </summary>
public sealed class StatusReportOutboxTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    private const string Connected = "1";
    private const string Disconnected = "2";

    [Fact]
    public async Task EpicOutage_ErrorsThenTimeOuts_EveryReportIsDeliveredInOrder_AndEveryAttemptIsRecorded()
    {
        const int errors = 5, timeOuts = 2;
        var visit = await sandbox.LaunchVisitAsync();
        // First the telehealth endpoint answers 500, then it hangs past EpicZoom's 15 s time-out, then it is healthy again.
        await sandbox.InjectTelehealthFaultAsync(statusCode: 500, failNext: errors);
        await sandbox.InjectTelehealthFaultAsync(delayMs: 20_000, failNext: timeOuts);
        try
        {
            // Each change is let through before the next: a leave and a rejoin within the leave settling time
            // (NotificationSettings.LeaveSettle, Notifications:LeaveSettle) are one unbroken stay, and Epic hears of neither.
            var host = await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
            var patient = await sandbox.JoinAsync(visit.MeetingId, visit.PatientZoomUserId, asHost: false);
            await RecordedAsync(visit.Csn, 2);
            await sandbox.LeaveAsync(visit.MeetingId, patient);
            await RecordedAsync(visit.Csn, 3);
            patient = await sandbox.JoinAsync(visit.MeetingId, visit.PatientZoomUserId, asHost: false);
            await RecordedAsync(visit.Csn, 4);
            await sandbox.LeaveAsync(visit.MeetingId, patient);
            await RecordedAsync(visit.Csn, 5);
            await sandbox.LeaveAsync(visit.MeetingId, host);

            var records = await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
                r => r.Count == 6 && r.All(x => x.Status == NotificationStatus.Delivered), "all six reports delivered",
                timeout: TimeSpan.FromSeconds(120), between: () => sandbox.MakeRetriesDueAsync(visit.Csn));

            // None lost, none out of order: per person, what Epic accepted is exactly their changes in sequence.
            var accepted = await sandbox.AcceptedByPersonAsync(visit.Csn);
            Assert.Equal([Connected, Disconnected], accepted[visit.HostEpicId]);
            Assert.Equal([Connected, Disconnected, Connected, Disconnected], accepted[visit.PatientEpicId]);
            Assert.All(records.GroupBy(r => r.ParticipantId), person => Assert.Equal(
                person.OrderBy(r => r.Sequence).Select(r => r.Kind == NotificationKind.Connected ? Connected : Disconnected),
                accepted[person.First().ExternalId]));

            // Every attempt is a row of its own, counted on its record, numbered 1..n, the last one the 200.
            var rows = await sandbox.AttemptRowsAsync(visit.Csn);
            Assert.All(records, r =>
            {
                var mine = rows.Where(a => a.NotificationRecordId == r.Id).OrderBy(a => a.Number).ToList();
                Assert.Equal(r.AttemptCount, mine.Count);
                Assert.Equal(Enumerable.Range(1, r.AttemptCount), mine.Select(a => a.Number));
                Assert.Equal(200, mine[^1].RespCode);
                Assert.Equal(200, r.LastRespCode);
                Assert.All(mine.SkipLast(1), a => Assert.Contains(a.RespCode, new[] { 500, 0 }));
            });
            var failed = rows.Where(a => a.RespCode != 200).ToList();
            Assert.Equal(errors, failed.Count(a => a.RespCode == 500));
            Assert.Equal(timeOuts, failed.Count(a => a.RespCode == 0));
            Assert.All(failed, a => Assert.False(string.IsNullOrWhiteSpace(a.ResponseExcerpt), $"attempt {a.Number} ({a.RespCode}) has no excerpt"));
            Assert.All(failed.Where(a => a.RespCode == 500), a => Assert.Contains("sandbox_fault", a.ResponseExcerpt, StringComparison.Ordinal));
            Assert.All(failed.Where(a => a.RespCode == 0), a => Assert.Contains("Timeout", a.ResponseExcerpt, StringComparison.Ordinal));
            Assert.Equal(6 + errors + timeOuts, rows.Count);
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }
    }

    /// <summary>
    /// A dispatcher that crashed between sending and saving leaves its rows leased to itself, lease running out.
    /// Once the lease has run out, another instance sends them again (a repeat, never a loss) and the order holds.
    /// </summary>
    [Fact]
    public async Task RowsLeasedByACrashedDispatcher_AreSentAgainOnceTheLeaseHasRunOut_NoneLost()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var (host, patient) = await BothJoinedWhileEpicFailsAsync(visit);

        // As a crashed instance leaves them: leased to an owner that is gone, the lease already run out, due.
        var past = DateTime.UtcNow.AddMinutes(-1);
        var leased = await sandbox.DbAsync(db => db.NotificationRecords.Where(r => r.Csn == visit.Csn)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, "crashed-host:4242:dead")
                .SetProperty(r => r.LeaseExpiresAtUtc, past).SetProperty(r => r.NextAttemptAtUtc, past)));
        Assert.Equal(2, leased);
        await sandbox.LeaveAsync(visit.MeetingId, patient);
        await sandbox.LeaveAsync(visit.MeetingId, host);

        var records = await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Count == 4 && r.All(x => x.Status == NotificationStatus.Delivered), "all four reports delivered",
            between: () => sandbox.MakeRetriesDueAsync(visit.Csn));

        Assert.All(records.Where(r => r.Kind == NotificationKind.Connected), r =>
        {
            var codes = r.Attempts.OrderBy(a => a.Number).Select(a => a.RespCode).ToList();
            Assert.True(codes.Count >= 2 && codes[^1] == 200 && codes.SkipLast(1).All(c => c == 500), string.Join(",", codes));
            Assert.Null(r.LeaseOwner);
            Assert.Null(r.LeaseExpiresAtUtc);
        });
        var accepted = await sandbox.AcceptedByPersonAsync(visit.Csn);
        Assert.Equal([Connected, Disconnected], accepted[visit.HostEpicId]);
        Assert.Equal([Connected, Disconnected], accepted[visit.PatientEpicId]);
    }

    /// <summary>A row another (live) instance holds is left alone until its lease runs out; other rows go on meanwhile.</summary>
    [Fact]
    public async Task RowLeasedByALiveDispatcher_IsNotSentUntilItsLeaseRunsOut()
    {
        var visit = await sandbox.LaunchVisitAsync();
        await BothJoinedWhileEpicFailsAsync(visit);

        // Leased first, then everything made due: the dispatcher never sees the patient's row free and due.
        var now = DateTime.UtcNow;
        await sandbox.DbAsync(db => db.NotificationRecords.Where(r => r.Csn == visit.Csn && r.ExternalId == visit.PatientEpicId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, "other-instance:7:alive").SetProperty(r => r.LeaseExpiresAtUtc, now.AddMinutes(10))));
        await sandbox.DbAsync(db => db.NotificationRecords.Where(r => r.Csn == visit.Csn)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.NextAttemptAtUtc, now)));
        var attemptsBefore = (await sandbox.RecordsAsync(visit.Csn)).Single(r => r.ExternalId == visit.PatientEpicId).AttemptCount;

        // The host's free row is delivered: the dispatcher has run since, and passed over the leased row.
        await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Single(x => x.ExternalId == visit.HostEpicId).Status == NotificationStatus.Delivered, "the host's report delivered");
        await sandbox.App.DrainAsync(); // and the dispatcher once more, with the leased row due
        var held = (await sandbox.RecordsAsync(visit.Csn)).Single(r => r.ExternalId == visit.PatientEpicId);
        Assert.Equal((NotificationStatus.Pending, attemptsBefore, "other-instance:7:alive"), (held.Status, held.AttemptCount, held.LeaseOwner));
        Assert.False((await sandbox.AcceptedByPersonAsync(visit.Csn)).ContainsKey(visit.PatientEpicId));

        // The other instance's lease runs out (time moved on in the database): now this instance sends it.
        await sandbox.DbAsync(db => db.NotificationRecords.Where(r => r.Id == held.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAtUtc, DateTime.UtcNow.AddSeconds(-1))));
        var sent = await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Single(x => x.Id == held.Id).Status == NotificationStatus.Delivered, "the patient's report delivered");
        Assert.Equal(attemptsBefore + 1, sent.Single(x => x.Id == held.Id).AttemptCount);
        Assert.Equal([Connected], (await sandbox.AcceptedByPersonAsync(visit.Csn))[visit.PatientEpicId]);
    }

    [Fact]
    public async Task FailedRecord_ReplayedByAnAdmin_IsDelivered_KeepsItsEarlierAttempts_AndIsAudited()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var (record, _) = await FailedConnectedReportAsync(visit);
        Assert.Empty(await sandbox.AcceptedByPersonAsync(visit.Csn));

        await sandbox.SendAsAdminAsync(new ReplayNotificationCommand(record.Id), "replaying-admin");

        var replayed = (await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Single().Status == NotificationStatus.Delivered, "the replayed report delivered")).Single();
        Assert.Equal(3, replayed.AttemptCount);
        Assert.Equal([(1, 500), (2, 500), (3, 200)], replayed.Attempts.OrderBy(a => a.Number).Select(a => (a.Number, a.RespCode)));
        Assert.Equal([Connected], (await sandbox.AcceptedByPersonAsync(visit.Csn))[visit.HostEpicId]);
        var audit = await sandbox.DbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "NotificationReplayed" && a.EntityId == record.Id.ToString()).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(("replaying-admin", "NotificationRecord"), (entry.Actor, entry.EntityType));
    }

    [Fact]
    public async Task Replay_WithoutAdmin_IsForbidden_AndOfADeliveredRecord_IsRefused()
    {
        var visit = await sandbox.LaunchVisitAsync();
        await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        var delivered = (await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Count == 1 && r[0].Status == NotificationStatus.Delivered, "the report delivered")).Single();

        await using (var scope = sandbox.App.Services.CreateAsyncScope())
        {
            await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
                scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReplayNotificationCommand(delivered.Id)));
        }
        await Assert.ThrowsAsync<ValidationException>(() => sandbox.SendAsAdminAsync(new ReplayNotificationCommand(delivered.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => sandbox.SendAsAdminAsync(new ReplayNotificationCommand(Guid.NewGuid())));
        Assert.Equal(1, (await sandbox.RecordsAsync(visit.Csn)).Single().AttemptCount);
        Assert.Equal([Connected], (await sandbox.AcceptedByPersonAsync(visit.Csn))[visit.HostEpicId]);
    }

    /// <summary>
    /// A failed "connected" no longer holds back the person's later reports, so their "disconnected" is delivered. Replaying
    /// the old "connected" afterwards must not leave Epic showing a person who has left as connected.
    /// </summary>
    [Fact]
    public async Task Replay_OfAReportSupersededByALaterDeliveredOne_DoesNotLeaveEpicShowingAStaleStatus()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var (connected, host) = await FailedConnectedReportAsync(visit);
        await sandbox.LeaveAsync(visit.MeetingId, host);
        await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Any(x => x.Kind == NotificationKind.Disconnected && x.Status == NotificationStatus.Delivered), "the later 'disconnected' delivered");

        try
        {
            await sandbox.SendAsAdminAsync(new ReplayNotificationCommand(connected.Id));
            await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
                r => r.Single(x => x.Id == connected.Id).Status != NotificationStatus.Pending, "the replay settled");
        }
        catch (ValidationException)
        {
            // Refusing the replay of a superseded report is a correct answer too.
        }

        var accepted = (await sandbox.AcceptedByPersonAsync(visit.Csn))[visit.HostEpicId];
        Assert.True(accepted[^1] == Disconnected, $"Epic accepted, in order: [{string.Join(", ", accepted)}] (1 = connected, 2 = disconnected)");
    }

    [Fact]
    public async Task AVisit_LeavesNoNamesCsnOrEmailsInTheLogs()
    {
        var visit = await sandbox.LaunchVisitAsync("&firstName=Wilhelmina&lastName=Quarterfield", "&firstName=Bartholomew&lastName=Oberholtzer");
        var host = await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        var patient = await sandbox.JoinAsync(visit.MeetingId, visit.PatientZoomUserId, asHost: false);
        var meeting = (await sandbox.MeetingsAsync()).EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == visit.MeetingId);
        var people = meeting.GetProperty("participants").EnumerateArray().ToList();
        await sandbox.LeaveAsync(visit.MeetingId, patient);
        await sandbox.LeaveAsync(visit.MeetingId, host);
        await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Count == 4 && r.All(x => x.Status == NotificationStatus.Delivered), "all four reports delivered");

        Assert.Equal(2, people.Count);
        var names = people.Select(p => p.GetProperty("name").GetString()!).ToList();
        var emails = people.Select(p => p.GetProperty("email").GetString()!).Append(await sandbox.PractitionerEmailAsync(visit.ProviderId))
            .Where(e => e.Length > 0).Distinct().ToList();
        Assert.Contains(names, n => n.Contains("Quarterfield", StringComparison.Ordinal)); // the probes are the real ones
        Assert.Contains(names, n => n.Contains("Oberholtzer", StringComparison.Ordinal));
        Assert.NotEmpty(emails);

        string[] phi = [visit.Csn, "Wilhelmina", "Quarterfield", "Bartholomew", "Oberholtzer", .. names, .. emails];
        var lines = sandbox.App.LogLines.ToArray();
        Assert.NotEmpty(lines);
        Assert.All(phi, secret => Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Host and patient join while Epic answers 500; returns once both "connected" rows are waiting for their retry, unleased.</summary>
    private async Task<(string Host, string Patient)> BothJoinedWhileEpicFailsAsync(Visit visit)
    {
        await sandbox.InjectTelehealthFaultAsync(statusCode: 500);
        try
        {
            var host = await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
            var patient = await sandbox.JoinAsync(visit.MeetingId, visit.PatientZoomUserId, asHost: false);
            // A retry is at least 4 s away (5 s - 20 %): with 2 s of it left, time enough to change the rows before the dispatcher looks again.
            await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
                r => r.Count == 2 && r.All(x => x.AttemptCount >= 1 && x.LeaseOwner is null && x.Status == NotificationStatus.Pending
                    && x.NextAttemptAtUtc > DateTime.UtcNow.AddSeconds(2)),
                "both reports tried and waiting for their retry");
            return (host, patient);
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }
    }

    /// <summary>The host's "connected" report, driven to Failed: Epic answers 500, and the record is made 25 h old so the next failure is its last.</summary>
    private async Task<(NotificationRecord Record, string HostParticipant)> FailedConnectedReportAsync(Visit visit)
    {
        await sandbox.InjectTelehealthFaultAsync(statusCode: 500);
        try
        {
            var host = await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
            var first = (await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
                r => r.Count == 1 && r[0].AttemptCount == 1 && r[0].LeaseOwner is null, "the first attempt")).Single();
            var now = DateTime.UtcNow;
            await sandbox.DbAsync(db => db.NotificationRecords.Where(r => r.Id == first.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAtUtc, now.AddHours(-25)).SetProperty(r => r.NextAttemptAtUtc, now)));
            var failed = (await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
                r => r.Single().Status == NotificationStatus.Failed, "the record to fail")).Single();
            Assert.Equal(2, failed.AttemptCount);
            Assert.Equal(500, failed.LastRespCode);
            return (failed, host);
        }
        finally
        {
            await sandbox.ClearFaultsAsync();
        }
    }

    private Task<List<NotificationRecord>> RecordedAsync(string csn, int count) =>
        WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(csn), r => r.Count >= count, $"{count} reports recorded");
}
