using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.ZoomAccounts;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>
/// The admin's notification records page in a real browser: a report Epic refused (500) until it failed for good is
/// found by its CSN, replayed with one click, and then shows Delivered with Epic's 200.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NotificationRecordsTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly EpicZoomApp app = new(new EpicZoomAppOptions { Sandbox = true, Kestrel = true });
    private HttpClient http = null!;
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.ServerAddress) };
        context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerAddress, ViewportSize = new() { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(20_000);
        page = await context.NewPageAsync();
        await app.StartedAsync();
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        http.Dispose();
        app.Dispose();
    }

    [Fact]
    public async Task Admin_FindsAFailedReportByCsn_ReplaysIt_AndSeesItDeliveredWithA200()
    {
        var visit = await LaunchVisitAsync();
        var failed = await FailedHostReportAsync(visit);

        await Portal.SignInAsFirstAdminAsync(page, app);
        await page.GotoAsync("/notifications");
        await Portal.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notification records" })).ToBeVisibleAsync();

        // It opens with the latest records, each with its tenant, without a search first.
        var rows = page.Locator("tr.ez-record-row");
        await Assertions.Expect(rows.Filter(new() { HasText = visit.Csn })).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First).ToContainTextAsync("Sandbox Health");
        await Portal.AssertNoSidewaysScrollAsync(page);
        await Portal.ScreenshotAsync(page, "notification-records-latest");

        await page.FillAsync("input[name=term]", visit.Csn);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        // Only this visit's rows: the host's (Failed) and the patient's; the failed one shows Epic's red 500.
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        foreach (var row in await rows.AllAsync()) await Assertions.Expect(row).ToContainTextAsync(visit.Csn);
        var hostRow = rows.Filter(new() { Has = page.GetByText(visit.HostEpicId, new() { Exact = true }) });
        await Assertions.Expect(hostRow).ToContainTextAsync("Failed");
        var hostCode = hostRow.GetByTestId("resp-code");
        await Assertions.Expect(hostCode).ToHaveTextAsync("500");
        await Assertions.Expect(hostCode).ToHaveClassAsync(new Regex(@"\bez-resp-bad\b"));
        await hostRow.Locator(".mud-table-cell").First.Locator("button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("attempts")).ToContainTextAsync("500");
        await Portal.ScreenshotAsync(page, "notification-records-failed");

        // Only the failed record offers Replay, and it asks first: Cancel changes nothing, Replay sends it again.
        await Assertions.Expect(rows.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Replay record") })).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Replay record {failed.Id}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"CSN {visit.Csn}");
        await Portal.ScreenshotAsync(page, "notification-records-replay-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal(NotificationStatus.Failed, (await RecordsAsync(visit.Csn)).Single(r => r.Id == failed.Id).Status);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Replay record {failed.Id}" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Replayed" })).ToBeVisibleAsync();

        // The dispatcher sends it again within a poll or two; search again until the page shows the outcome.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            try
            {
                await Assertions.Expect(hostRow).ToContainTextAsync("Delivered", new() { Timeout = 1_000 });
                break;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
            }
        }
        await Assertions.Expect(hostCode).ToHaveTextAsync("200");
        await Assertions.Expect(hostCode).ToHaveClassAsync(new Regex(@"\bez-resp-ok\b"));
        await Assertions.Expect(hostRow.GetByRole(AriaRole.Button, new() { Name = $"Replay record {failed.Id}" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Admin_PagesThroughRecords_NextPreviousAndFirst_NewestFirst()
    {
        // 120 reports of one CSN a minute apart (the newest first on the page), plus reports arriving while paging.
        var csn = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        var start = new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
        var times = await app.DbAsync(async db =>
        {
            var tenant = await db.Tenants.FirstAsync();
            var visit = Domain.Visits.VideoVisit.Open(tenant.Id, csn, start);
            visit.AttachMeeting(81299990000, "uuid==", "zoom-host", "E-PAGER", "enc:join", null, null, start);
            var host = visit.Enlist("E-PAGER", Domain.Visits.ParticipantRole.Provider, "zoom-host", isHost: true, start);
            db.NotificationRecords.AddRange(Enumerable.Range(0, 120).Select(n => NotificationRecord.For(visit, host,
                n % 2 == 0 ? NotificationKind.Connected : NotificationKind.Disconnected, "2", n % 2 == 0 ? "1" : "2", start.AddMinutes(n), n + 1, start.AddMinutes(n))));
            await db.SaveChangesAsync();
            return Enumerable.Range(0, 120).Select(n => start.AddMinutes(n)).Reverse().ToList();
        });

        await Portal.SignInAsFirstAdminAsync(page, app);
        await page.GotoAsync("/notifications");
        await Portal.WaitForCircuitAsync(page);
        await page.FillAsync("input[name=term]", csn);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        var rows = page.Locator("tr.ez-record-row");
        var range = page.GetByTestId("page-range");
        var next = page.GetByRole(AriaRole.Button, new() { Name = "Next" });
        var previous = page.GetByRole(AriaRole.Button, new() { Name = "Previous" });
        var first = page.GetByRole(AriaRole.Button, new() { Name = "First page" });
        async Task ShowsAsync(int from, int to)
        {
            await Assertions.Expect(range).ToHaveTextAsync($"Records {from}–{to} of 120");
            await Assertions.Expect(rows).ToHaveCountAsync(to - from + 1);
            await Assertions.Expect(rows.First).ToContainTextAsync(UtcTime(times[from - 1]));
            await Assertions.Expect(rows.Last).ToContainTextAsync(UtcTime(times[to - 1]));
        }

        await ShowsAsync(1, 50);
        await Assertions.Expect(previous).ToBeDisabledAsync();
        await Assertions.Expect(first).ToBeDisabledAsync();
        await Portal.AssertNoSidewaysScrollAsync(page);
        await next.ClickAsync();
        await ShowsAsync(51, 100);
        await next.ClickAsync();
        await ShowsAsync(101, 120);
        await Assertions.Expect(next).ToBeDisabledAsync();
        await Portal.AssertNoSidewaysScrollAsync(page);
        await Portal.ScreenshotAsync(page, "notification-records-last-page");
        await previous.ClickAsync();
        await ShowsAsync(51, 100);
        await first.ClickAsync();
        await ShowsAsync(1, 50);
        await Assertions.Expect(previous).ToBeDisabledAsync();
    }

    private static string UtcTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Host and patient join while Epic's telehealth endpoint answers 500; the host's report is then driven to Failed (made 25 h old, retried now).</summary>
    private async Task<NotificationRecord> FailedHostReportAsync(Visit visit)
    {
        (await http.PostAsJsonAsync("/sandbox/epic/_test/faults", new { endpoint = "telehealth", statusCode = 500 })).EnsureSuccessStatusCode();
        try
        {
            await ZoomPostAsync($"/sandbox/zoom/_test/meetings/{visit.MeetingId}/join", new { zoomUserId = visit.HostZoomUserId, asHost = true });
            await ZoomPostAsync($"/sandbox/zoom/_test/meetings/{visit.MeetingId}/join", new { zoomUserId = visit.PatientZoomUserId, asHost = false });
            var first = (await EventuallyAsync(() => RecordsAsync(visit.Csn),
                r => r.Count == 2 && r.All(x => x.AttemptCount >= 1 && x.LeaseOwner is null && x.Status == NotificationStatus.Pending), "both reports tried once"))
                .Single(r => r.ExternalId == visit.HostEpicId);
            var now = DateTime.UtcNow;
            await app.DbAsync(db => db.NotificationRecords.Where(r => r.Id == first.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAtUtc, now.AddHours(-25)).SetProperty(r => r.NextAttemptAtUtc, now)));
            var failed = (await EventuallyAsync(() => RecordsAsync(visit.Csn),
                r => r.Single(x => x.Id == first.Id).Status == NotificationStatus.Failed, "the host's report to fail")).Single(x => x.Id == first.Id);
            Assert.Equal(500, failed.LastRespCode);
            return failed;
        }
        finally
        {
            await http.DeleteAsync("/sandbox/epic/_test/faults");
        }
    }

    /// <summary>Provider then patient launch for a new CSN; returns the meeting and each side's Zoom user and Epic id.</summary>
    private async Task<Visit> LaunchVisitAsync()
    {
        var csn = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        var provider = await LaunchAsync($"type=provider&csn={csn}&providerId=eProv{csn}");
        var match = MeetingLink().Match(provider.Headers.Location?.ToString() ?? "");
        Assert.True(match.Success, $"The provider launch did not reach the meeting: {(int)provider.StatusCode} {provider.Headers.Location}");
        var meetingId = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        await LaunchAsync($"type=patient&csn={csn}");

        return await app.DbAsync(async db =>
        {
            var visit = await db.VideoVisits.Include(v => v.Participants).SingleAsync(v => v.Csn == csn);
            var prefix = visit.Id + ":";
            var patientAccount = await db.ZoomAccounts.SingleAsync(a => a.Kind == ZoomAccountKind.Patient && a.EpicId.StartsWith(prefix));
            var host = visit.Participants.Single(p => p.IsHost);
            var patient = visit.Participants.Single(p => p.ZoomUserId == patientAccount.ZoomUserId);
            return new Visit(csn, meetingId, visit.HostZoomUserId!, host.EpicId, patientAccount.ZoomUserId);
        });
    }

    /// <summary>Plays Epic's launch chain (simulator, EpicZoom, authorize, callback) and returns the first response that leaves it.</summary>
    private async Task<HttpResponseMessage> LaunchAsync(string query)
    {
        var response = await http.GetAsync($"/sandbox/epic/launch?{query}");
        for (var hops = 0; hops < 6 && response.StatusCode == HttpStatusCode.Redirect; hops++)
        {
            var next = new Uri(new Uri(app.ServerAddress), response.Headers.Location!);
            if (!next.AbsolutePath.StartsWith("/epicfhir/", StringComparison.Ordinal) && !next.AbsolutePath.StartsWith("/sandbox/epic/oauth2/", StringComparison.Ordinal))
                return response;
            response = await http.GetAsync(next);
        }
        return response;
    }

    private async Task ZoomPostAsync(string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Task<List<NotificationRecord>> RecordsAsync(string csn) =>
        app.DbAsync(db => db.NotificationRecords.AsNoTracking().Where(r => r.Csn == csn).ToListAsync());

    private static Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what) =>
        Eventually.HoldsAsync(probe, done, what, TimeSpan.FromSeconds(30), describe: value => JsonSerializer.Serialize(value));

    [GeneratedRegex(@"/s/(\d+)")]
    private static partial Regex MeetingLink();

    private sealed record Visit(string Csn, long MeetingId, string HostZoomUserId, string HostEpicId, string PatientZoomUserId);
}
