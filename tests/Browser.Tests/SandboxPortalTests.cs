using System.Text.RegularExpressions;
using EpicZoom.TestSupport;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>What a newcomer sees after `dotnet run`: the banner, the seeded tenant, the Epic launch form and the schedule.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SandboxPortalTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly EpicZoomApp app = new(new EpicZoomAppOptions { Sandbox = true, Kestrel = true });
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerAddress });
        context.SetDefaultTimeout(15_000);
        page = await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        app.Dispose();
    }

    [Fact]
    public async Task Newcomer_SeesTheSandboxBanner_TheSeededTenant_TheLaunchFormAndTheSchedule()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);

        await Assertions.Expect(page.GetByTestId("sandbox-banner")).ToContainTextAsync("SANDBOX");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sandbox Health" })).ToBeVisibleAsync();

        await page.GotoAsync("/sandbox/epic/");
        await Assertions.Expect(page.Locator("input[name=org_id]")).ToHaveValueAsync("sandbox");
        await page.Locator("form button[type=submit], form input[type=submit]").First.ClickAsync();
        // The default launch is a provider: through EpicZoom and the SMART launch to the simulated Zoom start page.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sandbox/zoom/s/\\d+\\?zak="));

        await page.GotoAsync("/sandbox/epic/schedule");
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
    }
}
