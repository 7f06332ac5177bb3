using EpicZoom.Domain.Webhooks;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>
/// The admin's Webhook events page in a real browser: an acknowledged Zoom event that could not be processed is
/// listed with its reason until the admin presses Process again, and then it is back in the processing queue.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebhookEventsTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly EpicZoomApp app = new(new EpicZoomAppOptions { Sandbox = true, Kestrel = true });
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
    public async Task AnEventThatNeedsAttention_IsListedWithItsReason_AndProcessAgainPutsItBackInTheQueue()
    {
        var stuck = await StuckEventAsync();

        await Portal.SignInAsFirstAdminAsync(page, app);
        await page.GotoAsync("/webhook-events");
        await Portal.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Webhook events" })).ToBeVisibleAsync();
        var row = page.Locator("tr", new() { HasText = "meeting.participant_joined" });
        await Assertions.Expect(row.GetByTestId("reason")).ToContainTextAsync("CryptographicException");
        await Assertions.Expect(row.GetByTestId("reason")).ToBeInViewportAsync();
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Process event {stuck} again" })).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(row).ToContainTextAsync("Sandbox Health");
        await Assertions.Expect(row).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"));
        if (Environment.GetEnvironmentVariable("EPICZOOM_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "webhook-events.png"), FullPage = true });

        await row.GetByRole(AriaRole.Button, new() { Name = $"Process event {stuck} again" }).ClickAsync();

        await Assertions.Expect(row).ToHaveCountAsync(0);
        var again = await app.DbAsync(db => db.WebhookEvents.AsNoTracking().SingleAsync(e => e.Id == stuck));
        Assert.False(again.NeedsAttention);
    }

    /// <summary>A stored event whose body cannot be read (its key is gone), failed until it needs attention.</summary>
    private async Task<Guid> StuckEventAsync()
    {
        await app.StartedAsync();
        return await app.DbAsync(async db =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.OrgId == "sandbox");
            var now = DateTime.UtcNow;
            var stored = ZoomWebhookEvent.Receive(tenant.Id, "meeting.participant_joined", Guid.NewGuid().ToString("N"), "not-a-protected-body", now);
            for (var attempt = 0; attempt < ZoomWebhookEvent.MaxProcessingAttempts; attempt++) stored.RecordFailure("CryptographicException", now);
            db.WebhookEvents.Add(stored);
            await db.SaveChangesAsync();
            return stored.Id;
        });
    }

}
