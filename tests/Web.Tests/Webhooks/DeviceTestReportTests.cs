using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EpicZoom.Application.Notifications.SearchNotifications;
using EpicZoom.Domain.Notifications;
using EpicZoom.Web.Tests.Launch;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// Device-test results reach Epic through the same outbox as the green light: recorded, retried, searchable, and never
/// in the way of a connection report. Faults apply to the whole simulator, so these tests have an app of their own.
/// </summary>
public sealed partial class DeviceTestReportTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    [Fact]
    public async Task ASubmittedDeviceTest_IsReportedToEpic_WithTheVisitsCsnAndEachCheck_AndIsANotificationRecord()
    {
        var csn = SandboxedApp.NewCsn();

        await SubmitDeviceTestAsync(csn, camera: true, microphone: true, speaker: false);

        var record = Assert.Single(await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(csn),
            r => r.Count == 1 && r[0].Status == NotificationStatus.Delivered, "the device-test report delivered"));
        Assert.Equal((NotificationKind.DeviceTest, "Failed", 200, 1), (record.Kind, record.StatusCode, record.LastRespCode, record.AttemptCount));

        var body = Assert.Single(await EpicDeviceTestReportsAsync(csn));
        Assert.Equal("Failed", body.GetProperty("Result").GetString());
        Assert.Equal(("Passed", "Passed", "Failed"),
            (body.GetProperty("Camera").GetString(), body.GetProperty("Microphone").GetString(), body.GetProperty("Speaker").GetString()));
        Assert.Equal(record.ExternalId, body.GetProperty("ExternalID").GetString());

        // The admin finds it with the other reports of the visit.
        var page = await sandbox.SendAsAdminAsync(new SearchNotificationsQuery(MeetingIdOrCsn: csn));
        var row = Assert.Single(page.Items);
        Assert.Equal(("DeviceTest", "Failed"), (row.Kind, row.StatusCode));
        Assert.Contains("\"Speaker\":\"Failed\"", row.Payload);
    }

    [Fact]
    public async Task AFailingDeviceTestReport_IsRetriedUntilAccepted_WithoutHoldingUpThePatientsGreenLight()
    {
        var visit = await sandbox.LaunchVisitAsync();
        // A refusal (4xx), not an outage: after a 5xx the first answer Epic gives brings the waiting retry forward at once.
        await sandbox.InjectTelehealthFaultAsync(statusCode: 400, failNext: 1);

        await SubmitDeviceTestAsync(visit.Csn, camera: true, microphone: true, speaker: true);
        var failed = await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Count == 1 && r[0].AttemptCount == 1, "the first device-test attempt");
        Assert.Equal((NotificationStatus.Pending, 400), (failed[0].Status, failed[0].LastRespCode));
        Assert.Equal(visit.PatientEpicId, failed[0].ExternalId);
        // A later retry in the backoff (an hour away), so the retry cannot slip in while the visit goes on.
        var later = DateTime.UtcNow.AddHours(1);
        await sandbox.DbAsync(db => db.NotificationRecords.Where(r => r.Id == failed[0].Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.NextAttemptAtUtc, later)));

        // The patient joins while their device-test report still waits for its retry: the green light goes at once.
        await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);
        await sandbox.JoinAsync(visit.MeetingId, visit.PatientZoomUserId, asHost: false);
        var records = await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Any(x => x.Kind == NotificationKind.Connected && x.ExternalId == visit.PatientEpicId && x.Status == NotificationStatus.Delivered),
            "the patient's connection delivered");
        Assert.Equal(NotificationStatus.Pending, records.Single(r => r.Kind == NotificationKind.DeviceTest).Status);

        var settled = await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Single(x => x.Kind == NotificationKind.DeviceTest).Status == NotificationStatus.Delivered, "the device-test report retried and delivered",
            between: () => sandbox.MakeRetriesDueAsync(visit.Csn));
        var deviceTest = settled.Single(r => r.Kind == NotificationKind.DeviceTest);
        Assert.Equal((2, 200), (deviceTest.AttemptCount, deviceTest.LastRespCode));
        Assert.Equal([400, 200], (await sandbox.AttemptRowsAsync(visit.Csn)).Where(a => a.NotificationRecordId == deviceTest.Id)
            .OrderBy(a => a.Number).Select(a => a.RespCode));
    }

    private async Task SubmitDeviceTestAsync(string csn, bool camera, bool microphone, bool speaker)
    {
        var launch = await sandbox.LaunchAsync($"type=devicetest&csn={csn}");
        var page = await sandbox.Http.GetStringAsync(launch.Headers.Location!.ToString());
        var resultUrl = WebUtility.HtmlDecode(ResultUrl().Match(page).Groups[1].Value);
        var json = JsonSerializer.Serialize(new { camera, microphone, speaker });
        var posted = await sandbox.Http.PostAsync(resultUrl, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
    }

    /// <summary>The bodies of the device-test reports the Epic simulator accepted for the CSN.</summary>
    private async Task<List<JsonElement>> EpicDeviceTestReportsAsync(string csn)
    {
        using var doc = JsonDocument.Parse(await sandbox.Http.GetStringAsync("/sandbox/epic/_test/device-test-reports"));
        return doc.RootElement.EnumerateArray()
            .Where(r => r.GetProperty("statusCode").GetInt32() == 200 && r.GetProperty("body") is { ValueKind: JsonValueKind.Object } b
                && b.TryGetProperty("CSN", out var c) && c.GetString() == csn)
            .Select(r => r.GetProperty("body").Clone()).ToList();
    }

    [GeneratedRegex("data-result-url=\"([^\"]+)\"")]
    private static partial Regex ResultUrl();
}
