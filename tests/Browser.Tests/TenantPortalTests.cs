using System.Text.RegularExpressions;
using EpicZoom.TestSupport;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class TenantPortalTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly EpicZoomApp app = new(kestrel: true);
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ServerAddress,
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        context.SetDefaultTimeout(15_000);
        page = await context.NewPageAsync();
        page.Console += (_, m) => Console.WriteLine($"[browser {m.Type}] {m.Text}");
        page.PageError += (_, e) => Console.WriteLine($"[browser error] {e}");
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        app.Dispose();
    }

    [Fact]
    public async Task Admin_SignsIn_CreatesATenant_FixesABadFhirUrl_AndCopiesAnFdiRecord()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);

        // New tenant with a FHIR URL that is not https.
        await page.GetByRole(AriaRole.Button, new() { Name = "New tenant" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New tenant" })).ToBeVisibleAsync();
        await Fill("Name", "St. Mary's Telehealth");
        await Fill("ZoomAccountId", "acc-42");
        await Fill("ZoomClientId", "zoom-client-42");
        await Fill("ZoomClientSecret", "browser-zoom-secret-42");
        await Fill("ZoomUserEmailDomain", "telehealth.stmarys.example");
        await Fill("EpicFhirBaseUrl", "http://fhir.stmarys.example/api/FHIR/R4");
        await Fill("EpicTelehealthBaseUrl", "https://fhir.stmarys.example");
        await Fill("EpicClientId", "epic-client-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();

        var fhirField = page.Locator(".ez-field").Filter(new() { Has = page.Locator("input[name=EpicFhirBaseUrl]") });
        await Assertions.Expect(fhirField.Locator(".mud-input-helper-text.mud-input-error")).ToContainTextAsync("https://");
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Nothing was saved");
        await Screenshot("tenant-field-error");

        // Fix it and save: the tenant page opens with its generated org_id and a secret shown only as "set".
        await Fill("EpicFhirBaseUrl", "https://fhir.stmarys.example/api/FHIR/R4");
        await Assertions.Expect(fhirField.Locator(".mud-input-helper-text.mud-input-error")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tenants/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "St. Mary's Telehealth" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("environment-badge")).ToHaveTextAsync("TEST");
        await Assertions.Expect(page.GetByTestId("secret-state-ZoomClientSecret")).ToHaveTextAsync("set");
        Assert.DoesNotContain("browser-zoom-secret-42", await page.ContentAsync());
        var orgId = await page.InputValueAsync("input[name=OrgId]");
        Assert.Matches("^org-[a-z0-9]{16}$", orgId);
        var tenantUrl = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Epic", Exact = true }).ClickAsync();
        await page.Locator("summary", new() { HasText = "SMART scopes and framing" }).ClickAsync();
        await Screenshot("tenant-saved");

        // FDI records: copy the patient launch URL.
        await page.GetByRole(AriaRole.Button, new() { Name = "FDI records" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "FDI records: St. Mary's Telehealth" })).ToBeVisibleAsync();
        var patient = page.Locator("section[data-launch-type=Patient]");
        var expectedUrl = $"{app.ServerAddress}/epicfhir/patientlaunch?org_id={orgId}";
        await Assertions.Expect(patient.GetByTestId("fdi-url")).ToHaveTextAsync(expectedUrl);
        await patient.GetByRole(AriaRole.Button, new() { Name = "Copy Patient (MyChart) URL" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Copied: Patient (MyChart) URL" })).ToBeVisibleAsync();
        Assert.Equal(expectedUrl, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // Registration values: the real webhook and SMS URLs of this tenant, each with its copy button.
        var inbound = page.Locator("[data-registration='Incoming message webhook URL']");
        var expectedInbound = $"{app.ServerAddress}/sms/inbound/{orgId}";
        await Assertions.Expect(inbound.GetByTestId("registration-value")).ToHaveTextAsync(expectedInbound);
        await Assertions.Expect(page.Locator("[data-registration='JWK Set URL']").GetByTestId("registration-value")).ToHaveTextAsync($"{app.ServerAddress}/jwks/{orgId}");
        await Assertions.Expect(page.Locator("[data-registration='Events to subscribe']")).ToContainTextAsync("meeting.participant_joined");
        await inbound.GetByRole(AriaRole.Button, new() { Name = "Copy SMS Incoming message webhook URL" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Copied: SMS Incoming message webhook URL" })).ToBeVisibleAsync();
        Assert.Equal(expectedInbound, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // Site values flow into the CONTEXT strings.
        await page.FillAsync("input[name=lppId]", "LPP123");
        await page.PressAsync("input[name=lppId]", "Tab");
        await Assertions.Expect(patient.GetByTestId("fdi-context")).ToContainTextAsync("encounterProviderId=%EXTENSION;LPP123%");
        await Screenshot("fdi-records");

        // Troubleshooting runs its checks against the (unreachable) hospital and says what failed.
        await page.GotoAsync(tenantUrl + "/troubleshooting");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Troubleshooting: St. Mary's Telehealth" })).ToBeVisibleAsync();
        await Portal.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run checks" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("checks")).ToContainTextAsync("Hosts are plain ASCII", new() { Timeout = 60_000 });
        await Screenshot("troubleshooting");
    }

    // EPICZOOM_SCREENSHOTS=<folder> keeps full-page screenshots for a human to look at.
    private async Task Screenshot(string name)
    {
        var folder = Environment.GetEnvironmentVariable("EPICZOOM_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private async Task Fill(string name, string value)
    {
        var input = page.Locator($"input[name={name}]");
        await input.FillAsync(value);
        await input.BlurAsync(); // MudBlazor text fields commit their value on change
    }
}
