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
    public async Task HelpDesk_OpensATenant_AndReadsItsSettings_WithoutBeingAbleToChangeThem()
    {
        await SignInAsync("Hal Help-Desk", "sso-help-desk-tenants");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sandbox Health" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tenants/[0-9a-f-]{36}$"));
        await Portal.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("tenant-read-only")).ToBeVisibleAsync();

        // Every section is open and its fields show the settings, none editable.
        var orgId = page.Locator("input[name=OrgId]");
        await Assertions.Expect(orgId).ToHaveValueAsync(EpicZoomApp.SandboxOrgId);
        await Assertions.Expect(orgId).Not.ToBeEditableAsync();
        var name = page.Locator("input[name=Name]");
        await Assertions.Expect(name).ToBeVisibleAsync();
        await Assertions.Expect(name).Not.ToBeEditableAsync();
        await name.PressAsync("X"); // a readonly input takes no typing
        await Assertions.Expect(name).ToHaveValueAsync("Sandbox Health");
        await Assertions.Expect(page.Locator("input[name=EpicFhirBaseUrl]")).Not.ToBeEditableAsync();
        await Assertions.Expect(page.Locator("input[name=ZoomAccountId]")).Not.ToBeEditableAsync();
        // A drop-down does not open.
        await page.Locator(".mud-select").Filter(new() { HasText = "Epic environment" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        // Nor do the radio buttons and switches change. Collapsing a section afterwards is a server round trip on the
        // same circuit: once it shows, the clicks before it have been handled too.
        var sms = page.GetByRole(AriaRole.Switch, new() { Name = "Text patients a link" }).Or(page.GetByRole(AriaRole.Checkbox, new() { Name = "Text patients a link" }));
        var smsOn = await sms.IsCheckedAsync();
        await page.GetByText("Generate a new key pair").ClickAsync();
        await page.GetByText("Text patients a link", new() { Exact = true }).ClickAsync();
        var organisation = page.GetByRole(AriaRole.Button, new() { Name = "Organisation" });
        await organisation.ClickAsync();
        await Assertions.Expect(organisation).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Keep" })).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("textarea[name=PrivateKeyPem]")).ToHaveCountAsync(0);
        Assert.Equal(smsOn, await sms.IsCheckedAsync());
        await organisation.ClickAsync();
        await Assertions.Expect(organisation).ToHaveAttributeAsync("aria-expanded", "true");

        // Secrets: only whether they are set, never a field to type one into.
        await Assertions.Expect(page.GetByTestId("secret-state-ZoomClientSecret")).ToHaveTextAsync("set");
        await Assertions.Expect(page.GetByTestId("secret-state-ZoomWebhookSecretToken")).ToHaveTextAsync("set");
        await Assertions.Expect(page.Locator("input[type=password]")).ToHaveCountAsync(0);
        // No way to save or delete; the help desk's troubleshooting is still there.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save changes" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete tenant" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Troubleshooting" })).ToBeVisibleAsync();
        await Portal.AssertNoSidewaysScrollAsync(page);
        await Portal.ScreenshotAsync(page, "tenant-read-only-help-desk");
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
