using System.Text.Json;
using EpicZoom.Application.Alerts.GetAlertSettings;
using EpicZoom.Application.Alerts.SendTestAlert;
using EpicZoom.Application.Alerts.UpdateAlertSettings;
using EpicZoom.Domain.Alerts;
using EpicZoom.Domain.Notifications;
using EpicZoom.Web.Tests.Launch;
using EpicZoom.Web.Tests.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Observability;

/// <summary>
/// Alerts end to end over real HTTP: the destination set through the portal's use case (stored encrypted, shown by host),
/// the Test button, and failing reports to Epic raising one alert per condition at the sandbox's alert sink.
/// </summary>
public sealed class AlertTests : IDisposable
{
    private readonly SandboxedApp sandbox = new(new Dictionary<string, string?>
    {
        ["Notifications:RetryWindow"] = "00:00:01",
        ["Alerts:EpicFailuresInARow"] = "2",
    });

    public void Dispose() => sandbox.Dispose();

    private string SinkUrl => sandbox.BaseUrl + "/sandbox/alerts/ops-channel-secret";

    [Fact]
    public async Task Destination_IsStoredEncryptedAndShownByHostOnly_AndTheTestButtonReachesTheSink()
    {
        await sandbox.SendAsAdminAsync(new UpdateAlertSettingsCommand(SinkUrl));

        var shown = await sandbox.SendAsAdminAsync(new GetAlertSettingsQuery());
        Assert.Equal(AlertDestinationSource.Portal, shown.Source);
        Assert.Equal("127.0.0.1", shown.WebhookHost);
        var stored = await sandbox.DbAsync(db => db.AlertSettings.SingleAsync(s => s.Id == AlertSettings.InstallationId));
        Assert.DoesNotContain("ops-channel-secret", stored.WebhookUrlProtected);
        Assert.DoesNotContain("ops-channel-secret", JsonSerializer.Serialize(shown));
        var audit = await sandbox.DbAsync(db => db.AuditEntries.Where(a => a.Action == "AlertWebhookSet").ToListAsync());
        Assert.DoesNotContain(audit, a => a.Summary.Contains("ops-channel-secret", StringComparison.Ordinal));

        var result = await sandbox.SendAsAdminAsync(new SendTestAlertCommand());
        Assert.True(result.Sent, result.Message);
        Assert.Contains("127.0.0.1 answered 200", result.Message);
        var received = await ReceivedAsync();
        Assert.Single(received, t => t.Contains("test alert", StringComparison.Ordinal));
        Assert.DoesNotContain(sandbox.App.LogLines, l => l.Contains("ops-channel-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailingReports_RaiseOneAlertPerCondition_AtTheSink_NotOnePerRecord_AndNoPhi()
    {
        await sandbox.SendAsAdminAsync(new UpdateAlertSettingsCommand(SinkUrl));
        var visit = await sandbox.LaunchVisitAsync();
        await sandbox.InjectTelehealthFaultAsync(statusCode: 500, failNext: 1000);

        await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        await sandbox.JoinAsync(visit.MeetingId, visit.PatientZoomUserId, asHost: false);
        await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn), r => r.Count(x => x.Status == NotificationStatus.Failed) >= 2,
            "both reports to fail", timeout: TimeSpan.FromSeconds(30));

        var received = await WebhookTestKit.EventuallyAsync(ReceivedAsync,
            r => r.Any(t => t.Contains("failed for tenant", StringComparison.Ordinal)) && r.Any(t => t.Contains("in a row", StringComparison.Ordinal)),
            "the failed-report and Epic-failing alerts at the sink");
        await Task.Delay(500); // a second alert for the second record would arrive by now
        received = await ReceivedAsync();
        Assert.Single(received, t => t.Contains("status report to Epic failed", StringComparison.Ordinal));
        Assert.Single(received, t => t.Contains("in a row", StringComparison.Ordinal));
        foreach (var text in received)
        {
            Assert.DoesNotContain(visit.Csn, text);
            Assert.DoesNotContain(visit.HostEpicId, text);
            Assert.DoesNotContain(visit.PatientEpicId, text);
        }
        Assert.Contains(sandbox.App.LogLines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Alert report_failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADownAlertEndpoint_IsReportedByTheTestButton_AndNeverHoldsUpDispatch()
    {
        await sandbox.SendAsAdminAsync(new UpdateAlertSettingsCommand("http://127.0.0.1:9/hooks/down"));
        var test = await sandbox.SendAsAdminAsync(new SendTestAlertCommand());
        Assert.False(test.Sent);
        Assert.Contains("could not be reached", test.Message);

        var failing = await sandbox.LaunchVisitAsync();
        await sandbox.InjectTelehealthFaultAsync(statusCode: 500, failNext: 1000);
        await sandbox.JoinAsync(failing.MeetingId, failing.HostZoomUserId, asHost: true);
        await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(failing.Csn), r => r.Any(x => x.Status == NotificationStatus.Failed), "the report to fail");
        await sandbox.ClearFaultsAsync();

        var next = await sandbox.LaunchVisitAsync();
        await sandbox.JoinAsync(next.MeetingId, next.HostZoomUserId, asHost: true);
        await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(next.Csn), r => r.Any(x => x.Status == NotificationStatus.Delivered),
            "the next visit's report to be delivered while the alert endpoint is down");
        await WebhookTestKit.EventuallyAsync(() => Task.FromResult(sandbox.App.LogLines.ToList()),
            lines => lines.Any(l => l.Contains("not delivered to the alert webhook", StringComparison.Ordinal)), "the undelivered alert to be logged");
    }

    private async Task<List<string>> ReceivedAsync()
    {
        using var doc = JsonDocument.Parse(await sandbox.Http.GetStringAsync("/sandbox/alerts/_test/received"));
        return doc.RootElement.EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToList();
    }
}
