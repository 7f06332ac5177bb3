using System.Globalization;
using System.Text.RegularExpressions;
using EpicZoom.TestSupport;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>
/// The usage report and the launch records as an admin sees them at 1366×768, over visits made through the sandbox:
/// one the patient joined and the host ended, one the patient never joined, and a launch Epic sent for an unknown org.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly Regex IsoUtc = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$");
    private readonly EpicZoomApp app = new(new Dictionary<string, string?> { ["Sandbox:Enabled"] = "true" }, kestrel: true);
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerAddress, ViewportSize = new() { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(20_000);
        page = await context.NewPageAsync();
        page.PageError += (_, e) => Console.WriteLine($"[browser error] {e}");
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        app.Dispose();
    }

    [Fact]
    public async Task UsageReport_ChartsTheVisitsMadeToday_FiltersByTenant_AndDownloadsIsoUtcCsv()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);
        await VisitThePatientJoinsAsync();
        await VisitThePatientNeverJoinsAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The webhooks reach EpicZoom in the background: the report is complete once both visits count as timed.
        var row = await UntilAsync(async () => (await UsageCsvAsync($"from={today}&to={today}")).Rows.Single(), r => r["VisitsTimed"] == "2");

        Assert.Equal(today + "T00:00:00Z", row["DayStartUtc"]);
        Assert.Matches(IsoUtc, row["DayStartUtc"]);
        Assert.Equal(("2", "1", "1"), (row["Visits"], row["NoShows"], row["PatientWaitsTimed"]));
        Assert.Equal("3", row["LaunchesCompleted"]);

        await page.GotoAsync("/reports/usage");
        await Portal.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Usage report", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("report-range")).ToContainTextAsync(new Regex($@"\d{{4}}-\d{{2}}-\d{{2}} to {today} \(UTC days\)"));
        await Assertions.Expect(page.GetByTestId("report-visits")).ToContainTextAsync("2");
        await Assertions.Expect(page.GetByTestId("report-no-shows")).ToContainTextAsync("No-shows (50");
        await Assertions.Expect(page.GetByTestId("report-duration")).ToContainTextAsync("min");
        await Assertions.Expect(page.GetByTestId("wait-definition")).ToContainTextAsync("patient's first launch");

        // Each chart is an SVG with its series: a line per series, bars per series and label.
        await AssertSeriesAsync("chart-per-day", "Visits", "No-shows");
        await AssertSeriesAsync("chart-launches", "Completed", "Failed");
        await AssertSeriesAsync("chart-duration", "Visits");
        await AssertSeriesAsync("chart-wait", "Patients");
        Assert.Equal(2, await page.GetByTestId("chart-per-day").Locator("svg path.mud-chart-line").CountAsync());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Portal.AssertNoSidewaysScrollAsync(page);
        await Portal.ScreenshotAsync(page, "usage-report");

        // Another tenant has no visits; all tenants again has them.
        var created = await page.APIRequest.PostAsync("/api/admin/tenants", new() { DataObject = OtherTenant });
        Assert.True(created.Ok, await created.TextAsync());
        await page.ReloadAsync();
        await Portal.WaitForCircuitAsync(page);
        await SelectAsync("tenant", "Mercy Health");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-visits")).ToContainTextAsync("0");
        await Assertions.Expect(page.GetByTestId("usage-csv")).ToHaveAttributeAsync("href", new Regex(@"tenant=[0-9a-f-]{36}"));

        // The download link gives the same figures as the page, a row per day with ISO-8601 UTC days.
        await SelectAsync("tenant", "all tenants");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-visits")).ToContainTextAsync("2");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("usage-csv").ClickAsync());
        var csv = Csv.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        Assert.Equal(30, csv.Rows.Count);
        Assert.All(csv.Rows, r => Assert.Matches(IsoUtc, r["DayStartUtc"]));
        Assert.Equal("2", csv.Rows[^1]["Visits"]);
    }

    [Fact]
    public async Task LaunchRecords_ShowEachStepsOwnAndUpstreamTime_AndFilterByCodeCsnAndType()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);
        var csn = await VisitThePatientNeverJoinsAsync();
        // Epic opens an FDI record for an organisation EpicZoom does not know: EZ-L001 at the first step.
        var unknown = await page.APIRequest.GetAsync("/epicfhir/providerlaunch?org_id=no-such-org&iss=https%3A%2F%2Ffhir.example.org&launch=abc",
            new() { MaxRedirects = 0 });
        Assert.Equal(404, unknown.Status);

        await page.GotoAsync("/launch-records");
        await Portal.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Launch records", Level = 1 })).ToBeVisibleAsync();
        var rows = page.Locator("tr.ez-launch-row");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        // Latest first: the failed begin, then the provider's callback and begin.
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("EZ-L001");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("not set up for your organisation");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(csn);
        await Assertions.Expect(rows.Nth(1).GetByTestId("launch-times")).ToContainTextAsync(new Regex(@"\d+ ms total: \d+ ms EpicZoom, \d+ ms Epic/Zoom"));
        await Assertions.Expect(rows.Nth(1).Locator("time")).ToHaveTextAsync(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"));

        // The callback's upstream calls: Epic's token endpoint and Zoom's meeting.
        await rows.Nth(1).Locator("td").First.Locator("button").ClickAsync();
        var detail = page.GetByTestId("launch-detail");
        await Assertions.Expect(detail).ToContainTextAsync("epic.");
        await Assertions.Expect(detail).ToContainTextAsync("zoom.");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Portal.AssertNoSidewaysScrollAsync(page);
        await Portal.ScreenshotAsync(page, "launch-records");

        var outcome = page.Locator("input[name=outcome]");
        await outcome.FillAsync("EZ-L001");
        await outcome.PressAsync("Enter");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("unknown");
        await outcome.FillAsync("");
        await page.Locator("input[name=csn]").FillAsync(csn);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("callback");
        await page.Locator("input[name=csn]").FillAsync("");
        await SelectAsync("type", "Patient");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No launch record matches the search.")).ToBeVisibleAsync();

        // The dashboard's bars link here filtered by their outcome.
        await page.GotoAsync("/");
        await Portal.WaitForCircuitAsync(page);
        await page.GetByTestId("launches").GetByRole(AriaRole.Link, new() { Name = "begin:EZ-L001: 1" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/launch-records\?from=\d{4}-\d{2}-\d{2}&outcome=begin%3AEZ-L001"));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("EZ-L001");
    }

    private async Task SelectAsync(string name, string option)
    {
        await page.Locator($"div.mud-input-control.mud-select:has(input[name={name}])").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
    }

    private async Task AssertSeriesAsync(string chart, params string[] series)
    {
        var panel = page.GetByTestId(chart);
        await Assertions.Expect(panel.Locator("svg").First).ToBeVisibleAsync();
        foreach (var name in series) await Assertions.Expect(panel.Locator(".mud-chart-legend-item", new() { HasText = name })).ToHaveCountAsync(1);
    }

    /// <summary>The patient waits, the provider starts the meeting, the patient joins (admitted if Zoom holds them), the provider ends it.</summary>
    private async Task VisitThePatientJoinsAsync()
    {
        var csn = NewCsn();
        var patient = await context.NewPageAsync();
        await patient.GotoAsync($"/sandbox/epic/launch?type=patient&csn={csn}&encounterProviderId=eDoc{csn}&firstName=Pat");
        await Assertions.Expect(patient).ToHaveURLAsync(new Regex("/visit/wait\\?pass="));
        var provider = await context.NewPageAsync();
        await provider.GotoAsync($"/sandbox/epic/launch?type=provider&csn={csn}&providerId=eDoc{csn}");
        await Assertions.Expect(provider).ToHaveURLAsync(new Regex("/sandbox/zoom/s/\\d+\\?zak="));
        await provider.Locator("#join").ClickAsync();
        await Assertions.Expect(provider.Locator("#state")).ToHaveAttributeAsync("data-state", "joined");

        await Assertions.Expect(patient).ToHaveURLAsync(new Regex("/sandbox/zoom/j/\\d+"));
        await patient.Locator("input[name=name]").FillAsync("Pat");
        await patient.Locator("#join").ClickAsync();
        await Assertions.Expect(patient.Locator("#state")).ToHaveAttributeAsync("data-state", new Regex("^(joined|waiting)$"));
        if (await patient.Locator("#state").GetAttributeAsync("data-state") == "waiting")
            await provider.Locator("#waiting").GetByRole(AriaRole.Button, new() { Name = "Admit" }).ClickAsync();
        await Assertions.Expect(patient.Locator("#state")).ToHaveAttributeAsync("data-state", "joined");
        await provider.Locator("#end").ClickAsync();
        await Assertions.Expect(provider.Locator("#state")).ToHaveAttributeAsync("data-state", "left");
        await patient.CloseAsync();
        await provider.CloseAsync();
    }

    /// <summary>The provider starts and ends the meeting; the patient never comes.</summary>
    private async Task<string> VisitThePatientNeverJoinsAsync()
    {
        var csn = NewCsn();
        var provider = await context.NewPageAsync();
        await provider.GotoAsync($"/sandbox/epic/launch?type=provider&csn={csn}&providerId=eDoc{csn}");
        await Assertions.Expect(provider).ToHaveURLAsync(new Regex("/sandbox/zoom/s/\\d+\\?zak="));
        await provider.Locator("#join").ClickAsync();
        await Assertions.Expect(provider.Locator("#state")).ToHaveAttributeAsync("data-state", "joined");
        await provider.Locator("#end").ClickAsync();
        await Assertions.Expect(provider.Locator("#state")).ToHaveAttributeAsync("data-state", "left");
        await provider.CloseAsync();
        return csn;
    }

    private static string NewCsn() => Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    private async Task<Csv> UsageCsvAsync(string query)
    {
        var response = await page.APIRequest.GetAsync("/api/admin/reports/usage.csv?" + query);
        Assert.True(response.Ok, await response.TextAsync());
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        return Csv.Parse(await response.TextAsync());
    }

    /// <summary>Reads again until <paramref name="done"/> holds (webhooks are processed in the background), for at most 20 s.</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(200);
        }
    }

    private sealed record Csv(IReadOnlyList<Dictionary<string, string>> Rows)
    {
        // The report's cells are numbers and dates: no quoting to undo.
        public static Csv Parse(string text)
        {
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var header = lines[0].Split(',');
            return new Csv(lines.Skip(1).Select(l => header.Zip(l.Split(','), (h, v) => (h, v)).ToDictionary(p => p.h, p => p.v)).ToList());
        }
    }

    private static readonly Dictionary<string, object?> OtherTenant = new()
    {
        ["name"] = "Mercy Health",
        ["orgId"] = "mercy",
        ["environment"] = "Test",
        ["admittancePolicy"] = "AutoAdmitWhenHostJoins",
        ["zoomAccountId"] = "acc-123",
        ["zoomClientId"] = "zoom-client-id",
        ["zoomClientSecret"] = "zoom-client-secret-9f8e7d",
        ["zoomUserEmailDomain"] = "telehealth.mercy.example",
        ["providerUserType"] = "Licensed",
        ["epicFhirBaseUrl"] = "https://fhir.mercy.example/interconnect/api/FHIR/R4",
        ["epicTelehealthBaseUrl"] = "https://fhir.mercy.example/interconnect",
        ["epicClientId"] = "epic-client-id",
        ["telehealthAuthMode"] = "BackendOAuthToken",
        ["signingKeyAction"] = "Generate",
    };
}
