using EpicZoom.Domain.Notifications;
using EpicZoom.Web.Tests.Launch;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// Notifications:RetryWindow makes a Failed record in seconds instead of 24 hours (the sandbox's way to see one), and
/// a record that fails, like every 4xx from Epic, is a Warning that names tenant and record — never the CSN or Epic id.
/// </summary>
public sealed class RetryWindowTests : IDisposable
{
    private readonly SandboxedApp sandbox = new(new Dictionary<string, string?> { ["Notifications:RetryWindow"] = "00:00:03" });

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task WithAShortRetryWindow_AReportEpicKeepsRefusing_FailsWithinSeconds_AndIsLoggedAsAWarningWithIdsOnly()
    {
        var visit = await sandbox.LaunchVisitAsync();
        await sandbox.InjectTelehealthFaultAsync(statusCode: 400, failNext: 1000);

        await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);

        var records = await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Any(x => x.Status == NotificationStatus.Failed), "a failed record", timeout: TimeSpan.FromSeconds(30));
        var failed = records.First(r => r.Status == NotificationStatus.Failed);
        Assert.Equal(400, failed.LastRespCode);
        Assert.True(failed.LastAttemptAtUtc - failed.CreatedAtUtc < TimeSpan.FromSeconds(10), "the record should fail within the configured window, not 24 h");

        var lines = sandbox.App.LogLines.ToList();
        Assert.Contains(lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"record {failed.Id} of tenant {failed.TenantId.Value} failed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"Epic answered 400 to notification record {failed.Id}", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("notification record", StringComparison.Ordinal)
            && (l.Contains(visit.Csn, StringComparison.Ordinal) || l.Contains(visit.HostEpicId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task IdleWorkers_LogNoHandledLineAtInformation()
    {
        // The workers' own commands, sent as they send them each poll: a "Handled" line at Information would be here now.
        await sandbox.App.DrainAsync();

        Assert.DoesNotContain(sandbox.App.LogLines, l => l.StartsWith("Information", StringComparison.Ordinal)
            && (l.Contains("Handled DispatchNotificationsCommand", StringComparison.Ordinal) || l.Contains("Handled ProcessWebhookEventsCommand", StringComparison.Ordinal)));
    }
}
