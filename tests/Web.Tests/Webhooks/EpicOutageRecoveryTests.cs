using EpicZoom.Application.Notifications.Common;
using EpicZoom.Domain.Notifications;
using EpicZoom.Web.Tests.Launch;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// An Epic outage through the sandbox (the Epic simulator's fault registry answers 503 to every status report) with
/// real webhooks from the Zoom simulator and the real workers: the outage costs a probe at a time, not an attempt per
/// report, and once Epic answers again every waiting report reaches it within a probe interval, in order per person —
/// not after each record's own backoff.
/// </summary>
public sealed class EpicOutageRecoveryTests : IDisposable
{
    private const string Connected = "1";
    private const string Disconnected = "2";
    private readonly SandboxedApp sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task DuringAnOutage_ReportsWaitBehindAProbe_AndWhenEpicIsBack_AllArriveAtOnce_InOrder()
    {
        var visits = new List<Visit>();
        for (var i = 0; i < 3; i++) visits.Add(await sandbox.LaunchVisitAsync());
        await sandbox.InjectTelehealthFaultAsync(statusCode: 503, failNext: 100_000);

        // Every person joins; then every patient leaves: nine reports for six people.
        var patients = new List<(Visit Visit, string Participant)>();
        foreach (var visit in visits)
        {
            await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
            patients.Add((visit, await sandbox.JoinAsync(visit.MeetingId, visit.PatientZoomUserId, asHost: false)));
        }
        foreach (var (visit, participant) in patients) await sandbox.LeaveAsync(visit.MeetingId, participant);
        async Task<List<NotificationRecord>> AllRecords() => [.. (await Task.WhenAll(visits.Select(v => sandbox.RecordsAsync(v.Csn)))).SelectMany(r => r)];
        await WebhookTestKit.EventuallyAsync(AllRecords, r => r.Count == 9, "nine reports recorded", timeout: TimeSpan.FromSeconds(30));

        // Some seconds of outage: a few probes were refused; most reports were never tried.
        await WebhookTestKit.EventuallyAsync(AllRecords, r => r.Sum(x => x.AttemptCount) >= 2, "a refused probe after the first refusal", timeout: TimeSpan.FromSeconds(30));
        var during = await AllRecords();
        Assert.All(during, r => Assert.Equal(NotificationStatus.Pending, r.Status));
        Assert.True(during.Count(r => r.AttemptCount == 0) >= 3, $"attempts per record during the outage: {string.Join(",", during.Select(r => r.AttemptCount))}");

        await sandbox.ClearFaultsAsync();
        var recovered = DateTime.UtcNow;
        var delivered = await WebhookTestKit.EventuallyAsync(AllRecords, r => r.All(x => x.Status == NotificationStatus.Delivered), "every report delivered",
            timeout: EpicOutages.LongestProbe + TimeSpan.FromSeconds(15));
        Assert.True(DateTime.UtcNow - recovered < EpicOutages.LongestProbe + TimeSpan.FromSeconds(10), "delivered within a probe interval of Epic's return");

        // Attempts are honest: the refused ones are 503 rows, each record's last is the 200.
        var rows = (await Task.WhenAll(visits.Select(v => sandbox.AttemptRowsAsync(v.Csn)))).SelectMany(r => r).ToList();
        Assert.Equal(delivered.Sum(r => r.AttemptCount), rows.Count);
        Assert.All(rows.Where(a => a.RespCode != 200), a => Assert.Equal(503, a.RespCode));
        Assert.Equal(9, rows.Count(a => a.RespCode == 200));
        foreach (var visit in visits)
        {
            var accepted = await sandbox.AcceptedByPersonAsync(visit.Csn);
            Assert.Equal([Connected], accepted[visit.HostEpicId]);
            Assert.Equal([Connected, Disconnected], accepted[visit.PatientEpicId]);
        }
    }
}
