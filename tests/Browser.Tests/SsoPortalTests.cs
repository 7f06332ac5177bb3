using System.Text.RegularExpressions;
using EpicZoom.TestSupport;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>Signing in through the sandbox IdP in Chromium as each role, seeing what the role allows, signing out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SsoPortalTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly EpicZoomApp app = new(new EpicZoomAppOptions { Sandbox = true, Kestrel = true, Settings = EpicZoomApp.SsoSettings() });
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        await app.StartedAsync();
        context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerAddress, ViewportSize = new() { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(15_000);
        page = await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        app.Dispose();
    }

    private async Task SignInAsync(string name, string shot)
    {
        await page.GotoAsync("/tenants");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await Portal.ScreenshotAsync(page, "sso-sign-in");
        await page.GetByTestId("sso-sign-in").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sandbox/oidc/authorize"));
        await Portal.ScreenshotAsync(page, "sso-picker");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as " + name }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tenants" })).ToBeVisibleAsync();
        await Portal.WaitForCircuitAsync(page);
        await Portal.ScreenshotAsync(page, shot);
    }

    private async Task SignOutAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login\\?signedOut=1"));
        await page.GotoAsync("/tenants");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task HelpDesk_SeesNoTenantEditButtons_AndCanReachNotificationRecords()
    {
        await SignInAsync("Hal Help-Desk", "sso-help-desk-tenants");

        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("Help desk");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "New tenant" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit" })).ToHaveCountAsync(0);
        await page.GotoAsync("/notifications");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notification records" })).ToBeVisibleAsync();
        await page.GotoAsync("/accounts");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not available to your role" })).ToBeVisibleAsync();
        await Portal.ScreenshotAsync(page, "sso-access-denied");
        await page.GotoAsync("/");
        await Portal.WaitForCircuitAsync(page);
        await SignOutAsync();
    }

    [Fact]
    public async Task Auditor_SeesTheAuditPage_AndNoNewTenantButton()
    {
        await SignInAsync("Audrey Auditor", "sso-auditor-tenants");

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "New tenant" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/audit"));
        await Assertions.Expect(page.GetByText("SignedInWithSso").First).ToBeVisibleAsync();
        await Portal.ScreenshotAsync(page, "sso-auditor-audit");
        await SignOutAsync();
    }

    [Fact]
    public async Task Administrator_SeesTheLocalAccountsPage_AndCreatesAHelpDeskAccount()
    {
        await SignInAsync("Ada Administrator", "sso-administrator-tenants");

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "New tenant" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Local accounts" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("local-accounts")).ToContainTextAsync("admin");
        await page.GetByLabel("User name").FillAsync("night.desk");
        await page.GetByLabel("Initial password").FillAsync("Night-Desk-Passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-night.desk")).ToContainTextAsync("Must choose a password");
        await Portal.ScreenshotAsync(page, "local-accounts");
        await SignOutAsync();
    }
}
