using System.Text.RegularExpressions;
using EpicZoom.TestSupport;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>
/// Every portal page as an admin sees it on a 1366×768 screen: it opens with its data, nothing needs sideways
/// scrolling, searches narrow the lists, and what cannot be undone asks first in a dialog with a red button.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalPagesTests(BrowserFixture browser) : IAsyncLifetime
{
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
    public async Task EveryPortalPage_OpensWithItsData_AndFitsA1366By768Screen()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);
        var csn = await LaunchAVisitAsync();
        var sandboxId = await SandboxTenantIdAsync();

        // The home page: today's visit counts and the launch just made, charted, with links into the lists.
        await OpenAsync("/", "Dashboard", "dashboard");
        await Assertions.Expect(page.GetByTestId("visits-today")).ToContainTextAsync("1");
        await Assertions.Expect(page.GetByTestId("launches").Locator("svg")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("launches")).ToContainTextAsync("OK: 1");
        await Assertions.Expect(page.GetByTestId("visits-today")).ToHaveAttributeAsync("href", "/visits");

        await OpenAsync("/tenants", "Tenants", "tenants");
        await Assertions.Expect(page.Locator("tr.ez-tenant-row")).ToContainTextAsync("Sandbox Health");
        await OpenAsync($"/tenants/{sandboxId}", "Sandbox Health", "tenant-edit");
        await Assertions.Expect(page.GetByTestId("save-bar")).ToBeInViewportAsync();
        await OpenAsync($"/tenants/{sandboxId}/fdi", "FDI records: Sandbox Health", "tenant-fdi-records");
        await Assertions.Expect(page.GetByTestId("group-visits").Locator("[data-testid=fdi-group-context]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("group-visits")).ToContainTextAsync("epicSessionId=%CONFERENCEID%&firstName=%USERFNAME%");
        await OpenAsync($"/tenants/{sandboxId}/troubleshooting", "Troubleshooting: Sandbox Health", "tenant-troubleshooting");

        await OpenAsync("/visits", "Visits", "visits");
        await Assertions.Expect(page.Locator("tr.ez-visit-row", new() { HasText = csn })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("tr.ez-visit-row", new() { HasText = csn }).GetByTestId("visit-state")).ToHaveTextAsync(new Regex("waiting for host|in progress"));
        await OpenAsync("/zoom-accounts", "Zoom accounts", "zoom-accounts");
        await Assertions.Expect(page.Locator("tr.ez-zoom-account-row", new() { HasText = "Provider" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr.ez-zoom-account-row", new() { HasText = "Provider" }).First.GetByTestId("epic-person")).ToHaveTextAsync(new Regex(@"^provider \S+$"));
        await OpenAsync("/notifications", "Notification records", "notification-records");
        await OpenAsync("/webhook-events", "Webhook events", "webhook-events-empty");
        await Assertions.Expect(page.GetByText("No webhook event needs attention.")).ToBeVisibleAsync();

        // The audit opens with the latest entries, without typing a filter first.
        await OpenAsync("/audit", "Audit", "audit");
        await Assertions.Expect(page.Locator("tr.ez-audit-row", new() { HasText = "SandboxTenantSeeded" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr.ez-audit-row").First).ToContainTextAsync(new Regex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"));
        await Assertions.Expect(page.Locator("tr.ez-audit-row", new() { HasText = "PasswordChanged" })).ToContainTextAsync("admin");
        await Assertions.Expect(page.Locator("tr.ez-audit-row", new() { HasText = "SignedIn" })).ToContainTextAsync("from 127.0.0.x");

        // The heading takes focus after navigation (for screen readers) without drawing a box around itself.
        Assert.Equal("none", await page.EvaluateAsync<string>("() => { const h = document.querySelector('h1'); h.focus(); return getComputedStyle(h).outlineStyle; }"));
    }

    [Fact]
    public async Task Audit_FiltersByWhatAndWho_AndShowsFailedSignIns()
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await Portal.SignInAsFirstAdminAsync(page, app);
        await page.GotoAsync("/audit");
        await Portal.WaitForCircuitAsync(page);
        var rows = page.Locator("tr.ez-audit-row");
        await Assertions.Expect(rows.Filter(new() { HasText = "SignInFailed" })).ToHaveCountAsync(1);

        await page.GetByTestId("action-filter").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("SignInFailed", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("admin");
        await Portal.ScreenshotAsync(page, "audit-filtered");

        await page.Locator("input[name=actor]").FillAsync("nobody-by-that-name");
        await Assertions.Expect(page.GetByText("No audit entry matches the filter.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Troubleshooting_SaysTheLikelyCauseInPlainWords()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);
        var created = await page.APIRequest.PostAsync("/api/admin/tenants", new()
        {
            DataObject = new Dictionary<string, object?>(MercyHealth) { ["zoomOAuthBaseUrl"] = "https://zoom.mercy.invalid", ["epicTelehealthBaseUrl"] = "https://epic.mercy.invalid/interconnect" },
        });
        Assert.True(created.Ok, await created.TextAsync());
        var id = (await created.JsonAsync())!.Value.GetProperty("id").GetGuid();

        await page.GotoAsync($"/tenants/{id}/troubleshooting");
        await Portal.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run checks" }).ClickAsync();
        var checks = page.GetByTestId("checks");
        await Assertions.Expect(checks).ToContainTextAsync("The name epic.mercy.invalid was not found in DNS.");
        await Assertions.Expect(checks).ToContainTextAsync("The name zoom.mercy.invalid was not found in DNS.");
        await Assertions.Expect(checks).Not.ToContainTextAsync("Exception");
        await Portal.AssertNoSidewaysScrollAsync(page);
        await Portal.ScreenshotAsync(page, "tenant-troubleshooting-failures");
    }

    [Fact]
    public async Task Visits_HideClosedOnesByDefault_AndTheStatusFilterShowsThem()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);
        var csn = await LaunchAVisitAsync();
        await page.GotoAsync("/visits");
        await Portal.WaitForCircuitAsync(page);
        var rows = page.Locator("tr.ez-visit-row");
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        await page.GetByTestId("status-filter").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("closed (ended, no meeting, abandoned)", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("No visit matches the search.")).ToBeVisibleAsync();
        await page.GetByTestId("status-filter").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("all", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(rows.Filter(new() { HasText = csn })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task TheDarkTheme_IsKeptAcrossPages_AndTheLightOneComesBack()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);
        var light = await BackgroundAsync();

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to the light theme" })).ToBeVisibleAsync();
        var dark = await BackgroundAsync();
        Assert.NotEqual(light, dark);
        await page.GotoAsync("/audit");
        await Portal.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to the light theme" })).ToBeVisibleAsync();
        Assert.Equal(dark, await BackgroundAsync());
        await Portal.ScreenshotAsync(page, "audit-dark");

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to the dark theme" })).ToBeVisibleAsync();
        Assert.Equal(light, await BackgroundAsync());
    }

    [Fact]
    public async Task TenantSearch_NarrowsTheList_AndDeletingATenantAsksFirst()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);
        var created = await page.APIRequest.PostAsync("/api/admin/tenants", new() { DataObject = MercyHealth });
        Assert.True(created.Ok, await created.TextAsync());
        await page.GotoAsync("/tenants");
        await Portal.WaitForCircuitAsync(page);
        var rows = page.Locator("tr.ez-tenant-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        var search = page.Locator("input[name=search]");
        await search.FillAsync("MERCY");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("Mercy Health");
        await Portal.ScreenshotAsync(page, "tenants-search");
        await search.FillAsync("no such hospital");
        await Assertions.Expect(page.GetByText("No tenant matches your search.")).ToBeVisibleAsync();
        await search.FillAsync("");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        // Keep: nothing happens. Delete: the tenant is gone.
        await page.GetByRole(AriaRole.Link, new() { Name = "Mercy Health" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mercy Health" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete tenant" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("removed for good");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Delete tenant" })).ToHaveClassAsync(new Regex(@"\bmud-button-filled-error\b"));
        await Portal.ScreenshotAsync(page, "tenant-delete-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mercy Health" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete tenant" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete tenant" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tenants$"));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("Sandbox Health");
    }

    [Fact]
    public async Task DeletingAZoomAccount_AsksFirst_AndKeepLeavesIt()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);
        await LaunchAVisitAsync();
        await page.GotoAsync("/zoom-accounts");
        await Portal.WaitForCircuitAsync(page);
        var row = page.Locator("tr.ez-zoom-account-row", new() { HasText = "Provider" }).First;
        var email = (await row.Locator("td").Nth(3).InnerTextAsync()).Trim();
        var accountRow = page.Locator("tr.ez-zoom-account-row", new() { HasText = email });

        await accountRow.GetByRole(AriaRole.Button, new() { Name = $"Delete {email}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"Delete {email} in Zoom?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep" }).ClickAsync();
        await Assertions.Expect(accountRow).ToHaveCountAsync(1);

        await accountRow.GetByRole(AriaRole.Button, new() { Name = $"Delete {email}" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete account" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Deleted: {email}");
        await Assertions.Expect(accountRow).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Visits_AreFoundByCsnOrMeetingId_AndByTenant()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);
        var first = await LaunchAVisitAsync();
        var second = await LaunchAVisitAsync();
        await page.GotoAsync("/visits");
        await Portal.WaitForCircuitAsync(page);
        var rows = page.Locator("tr.ez-visit-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        var term = page.Locator("input[name=term]");
        await term.FillAsync(first);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync(first);
        var meetingId = (await rows.Locator(".ez-muted").First.InnerTextAsync()).Trim();
        Assert.Matches(@"^\d{9,12}$", meetingId);

        // Zoom shows meeting IDs with spaces; either way finds the visit.
        await term.FillAsync($"{meetingId[..3]} {meetingId[3..7]} {meetingId[7..]}");
        await term.PressAsync("Enter");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync(first);
        await term.FillAsync(second);
        await term.PressAsync("Enter");
        await Assertions.Expect(rows).ToContainTextAsync(second);
        await term.FillAsync("000000001");
        await term.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("No visit matches the search.")).ToBeVisibleAsync();
    }

    private async Task OpenAsync(string path, string heading, string screenshot)
    {
        await page.GotoAsync(path);
        await Portal.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Portal.AssertNoSidewaysScrollAsync(page);
        await Portal.ScreenshotAsync(page, screenshot);
    }

    private Task<string> BackgroundAsync() => page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    /// <summary>A provider launches from the sandbox's Epic (a new CSN) and reaches Zoom: a visit, a meeting and a provider Zoom account.</summary>
    private async Task<string> LaunchAVisitAsync()
    {
        var csn = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var launch = await context.NewPageAsync();
        await launch.GotoAsync($"/sandbox/epic/launch?type=provider&csn={csn}&providerId=eDoc{csn}");
        await Assertions.Expect(launch).ToHaveURLAsync(new Regex("/sandbox/zoom/s/\\d+"));
        await launch.CloseAsync();
        return csn;
    }

    private async Task<Guid> SandboxTenantIdAsync()
    {
        var response = await page.APIRequest.GetAsync("/api/admin/tenants?search=sandbox");
        var tenants = await response.JsonAsync();
        return tenants!.Value.EnumerateArray().Single().GetProperty("id").GetGuid();
    }

    private static readonly Dictionary<string, object?> MercyHealth = new()
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
