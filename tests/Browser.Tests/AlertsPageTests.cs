using EpicZoom.TestSupport;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>The alerts page in Chromium: a bad URL is refused on its field, a good one is shown back by host only, the Test button reaches the sandbox sink; the dashboard's reachability chip.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertsPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly EpicZoomApp app = new(new Dictionary<string, string?> { ["Sandbox:Enabled"] = "true", ["Health:TenantProbes"] = "true" }, kestrel: true);
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerAddress, ViewportSize = new() { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(20_000);
        page = await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        app.Dispose();
    }

    [Fact]
    public async Task AlertsPage_RefusesABadUrl_SavesAGoodOneShownByHost_AndTheTestAlertArrivesAtTheSink()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);
        await page.GotoAsync("/settings/alerts");
        await Portal.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("current-destination")).ToContainTextAsync("No alert webhook is set");

        await page.GetByTestId("webhook-url").FillAsync("http://hooks.example.org/plain-http");
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByText("Enter an absolute https:// URL")).ToBeVisibleAsync();

        await page.GetByTestId("webhook-url").FillAsync(app.ServerAddress + "/sandbox/alerts/ops-secret-part");
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-destination")).ToContainTextAsync("Alerts go to 127.0.0.1");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("ops-secret-part");

        await page.GetByTestId("test").ClickAsync();
        await Assertions.Expect(page.GetByTestId("result")).ToContainTextAsync("Sent: 127.0.0.1 answered 200");
        await Portal.ScreenshotAsync(page, "settings-alerts");
        await Portal.AssertNoSidewaysScrollAsync(page);

        await page.GotoAsync("/sandbox/alerts");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("EpicZoom test alert");
        await Portal.ScreenshotAsync(page, "sandbox-alert-inbox");
    }

    [Fact]
    public async Task Dashboard_ShowsAReachabilityChipPerTenant()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);
        var chip = page.Locator("[data-testid^=reach-]");
        for (var attempt = 0; attempt < 10 && await chip.CountAsync() == 0; attempt++)
        {
            // The first background probe runs within a round (15 s) of the sandbox tenant being seeded.
            await page.GotoAsync("/");
            await Portal.WaitForCircuitAsync(page);
            if (await chip.CountAsync() == 0) await Task.Delay(3000);
        }
        await Assertions.Expect(chip).ToHaveCountAsync(1);
        await Assertions.Expect(chip).ToHaveAttributeAsync("data-reachable", "true");
        await Assertions.Expect(chip).ToContainTextAsync("Sandbox Health: Epic and Zoom reachable");
        await Portal.ScreenshotAsync(page, "dashboard-reachability");
    }
}
