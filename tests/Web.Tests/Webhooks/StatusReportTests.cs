using System.Text.Json;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.ZoomAccounts;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.Web.Tests.Launch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using EpicZoom.TestSupport;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>The green light end to end: Zoom's signed webhooks in, ordered status reports out to Epic, all over real HTTP.</summary>
public sealed class StatusReportTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    [Fact]
    public async Task Visit_WhereHostAndPatientJoinAndLeave_ReportsEachChangeToEpicInOrder_AndEpicAcceptsThem()
    {
        var csn = SandboxedApp.NewCsn();
        var provider = await sandbox.LaunchAsync($"type=provider&csn={csn}&providerId=eGreen{csn}");
        var meetingId = long.Parse(System.Text.RegularExpressions.Regex.Match(provider.Headers.Location!.ToString(), @"/s/(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await sandbox.LaunchAsync($"type=patient&csn={csn}");
        var (hostZoomUser, patientZoomUser) = await ZoomUsersAsync(csn);

        var host = await Join(meetingId, hostZoomUser, asHost: true);
        var patient = await Join(meetingId, patientZoomUser, asHost: false);
        await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{meetingId}/leave", new { participantId = patient });
        await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{meetingId}/leave", new { participantId = host });

        var reports = await WaitForReportsAsync(csn, 4);
        Assert.All(reports, r => Assert.Equal(200, r.GetProperty("statusCode").GetInt32()));
        Assert.All(reports, r => Assert.Equal("EpicZoom", r.GetProperty("vendorName").GetString()));
        var byPerson = reports.GroupBy(r => r.GetProperty("externalId").GetString()).ToDictionary(g => g.Key!, g => g.Select(r => r.GetProperty("connectionStatus").GetString()).ToList());
        Assert.Equal(2, byPerson.Count);
        Assert.All(byPerson.Values, statuses => Assert.Equal(["1", "2"], statuses)); // connected, then disconnected; never the other way

        // Epic's answer is recorded just after Epic has it: wait for the records to say so.
        var records = await Eventually.HoldsAsync(() => RecordsAsync(csn), r => r.Count == 4 && r.All(x => x.Status == NotificationStatus.Delivered),
            "the four records to be Delivered", interval: TimeSpan.FromMilliseconds(100), describe: r => string.Join(", ", r.Select(x => x.Status)));
        Assert.All(records, r => Assert.Equal(NotificationStatus.Delivered, r.Status));
        Assert.All(records, r => Assert.Equal(200, r.LastRespCode));
    }

    private async Task<List<NotificationRecord>> RecordsAsync(string csn)
    {
        await using var scope = sandbox.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().NotificationRecords.AsNoTracking().Where(r => r.Csn == csn).ToListAsync();
    }

    private async Task<string> Join(long meetingId, string zoomUserId, bool asHost) =>
        (await sandbox.ZoomPostAsync($"/sandbox/zoom/_test/meetings/{meetingId}/join", new { zoomUserId, asHost })).GetProperty("participantId").GetString()!;

    private async Task<(string Host, string Patient)> ZoomUsersAsync(string csn)
    {
        await using var scope = sandbox.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var visit = await db.VideoVisits.SingleAsync(v => v.Csn == csn);
        var prefix = visit.Id + ":";
        var patient = await db.ZoomAccounts.SingleAsync(a => a.Kind == ZoomAccountKind.Patient && a.EpicId.StartsWith(prefix));
        return (visit.HostZoomUserId!, patient.ZoomUserId);
    }

    private Task<List<JsonElement>> WaitForReportsAsync(string csn, int count) =>
        Eventually.HoldsAsync(() => sandbox.EpicReportsAsync(csn), reports => reports.Count >= count, $"Epic to receive {count} status reports for the visit",
            interval: TimeSpan.FromMilliseconds(100), describe: reports => $"{reports.Count} reports");
}
