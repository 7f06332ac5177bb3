using System.Net.Http.Json;
using System.Text.Json;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>
/// An Administrator sets the sandbox tenant's guest settings and its own SMTP server in the tenant form: unsafe values
/// are refused on their fields, the saved values are there after a reload with the password shown only as "set", and
/// troubleshooting signs in to that server (the sandbox's SMTP server) with the stored password.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TenantGuestEmailPortalTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string SmsTemplate = "{organization} invites you to a video visit as {role}: {link}";

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
    public async Task Admin_SetsGuestsAndTheTenantsOwnSmtpServer_SeesThemAfterAReload_WithThePasswordOnlyAsSet()
    {
        await Portal.SignInAsFirstAdminAsync(page, app);
        var smtp = await SandboxSmtpAsync();
        var tenantId = await app.DbAsync(async db => (await db.Tenants.AsNoTracking().SingleAsync(t => t.OrgId == "sandbox")).Id.Value);
        await page.GotoAsync($"/tenants/{tenantId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sandbox Health" })).ToBeVisibleAsync();
        await Portal.WaitForCircuitAsync(page);
        await OpenSectionsAsync();

        // The seed switched guests on for every role.
        await Assertions.Expect(page.GetByLabel("Clinicians may invite guests")).ToBeCheckedAsync();
        var roles = page.GetByTestId("guest-roles");
        await Assertions.Expect(roles.GetByLabel("Clinician", new() { Exact = true })).ToBeCheckedAsync();

        // No clinicians, three per visit, a template with a placeholder that could carry PHI; an own server without TLS
        // but with a password, on a host that is not this machine.
        await roles.GetByLabel("Clinician", new() { Exact = true }).UncheckAsync();
        await FillAsync("MaxGuestsPerVisit", "3");
        await FillAsync("GuestSmsTemplate", "Hi {patientName}, join {organization}: {link}");
        await page.GetByLabel("Use this tenant's own SMTP server").CheckAsync();
        await FillAsync("EmailHost", "smtp.sandbox-health.example");
        await FillAsync("EmailPort", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await SelectAsync("EmailTls", "No TLS: a relay without sign-in, or one on this machine");
        await FillAsync("EmailUserName", smtp.UserName);
        await FillAsync("SmtpPassword", smtp.Password);
        await FillAsync("EmailFromAddress", "telehealth@sandbox-health.example");
        await FillAsync("EmailFromName", "Sandbox Health video visits");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Nothing was saved");
        await Assertions.Expect(FieldError("GuestSmsTemplate")).ToContainTextAsync("'{patientName}' is not allowed");
        await Assertions.Expect(FieldError("EmailTls")).ToContainTextAsync("would cross the network in clear");
        await Portal.ScreenshotAsync(page, "tenant-guests-email-errors");

        // Fixed: the template uses only the allowed placeholders, the server is the sandbox's SMTP server on this machine.
        // A failed save leaves the typed password in the form (nothing was stored), so it need not be typed again.
        await FillAsync("GuestSmsTemplate", SmsTemplate);
        await FillAsync("EmailHost", smtp.Host);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Saved" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToHaveCountAsync(0);

        // After a reload: everything kept, the password only as "set" and nowhere in the page.
        await page.ReloadAsync();
        await Portal.WaitForCircuitAsync(page);
        await OpenSectionsAsync();
        await Assertions.Expect(page.GetByLabel("Clinicians may invite guests")).ToBeCheckedAsync();
        await Assertions.Expect(roles.GetByLabel("Clinician", new() { Exact = true })).Not.ToBeCheckedAsync();
        await Assertions.Expect(roles.GetByLabel("Interpreter", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(Field("MaxGuestsPerVisit")).ToHaveValueAsync("3");
        await Assertions.Expect(Field("GuestSmsTemplate")).ToHaveValueAsync(SmsTemplate);
        await Assertions.Expect(page.GetByLabel("Use this tenant's own SMTP server")).ToBeCheckedAsync();
        await Assertions.Expect(Field("EmailHost")).ToHaveValueAsync(smtp.Host);
        await Assertions.Expect(Field("EmailPort")).ToHaveValueAsync(smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("div.mud-input-control.mud-select:has(input[name=EmailTls])")).ToContainTextAsync("No TLS");
        await Assertions.Expect(Field("EmailUserName")).ToHaveValueAsync(smtp.UserName);
        await Assertions.Expect(Field("EmailFromAddress")).ToHaveValueAsync("telehealth@sandbox-health.example");
        await Assertions.Expect(Field("EmailFromName")).ToHaveValueAsync("Sandbox Health video visits");
        await Assertions.Expect(page.GetByTestId("secret-state-SmtpPassword")).ToHaveTextAsync("set");
        await Assertions.Expect(Field("SmtpPassword")).ToHaveValueAsync("");
        Assert.DoesNotContain(smtp.Password, await page.ContentAsync());
        // For the picture (docs/portal.md): only the two sections open, on a screen tall enough for the whole form, so
        // neither the app bar nor the sticky save bar is drawn over a field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Organisation" }).ClickAsync();
        await Assertions.Expect(Field("OrgId")).ToBeHiddenAsync();
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        await page.SetViewportSizeAsync(1366, height);
        await Portal.ScreenshotAsync(page, "tenant-guests-email");
        await page.SetViewportSizeAsync(1366, 768);

        // Troubleshooting signs in to that server with the stored password.
        await page.GetByRole(AriaRole.Button, new() { Name = "Troubleshooting" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Troubleshooting: Sandbox Health" })).ToBeVisibleAsync();
        await Portal.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run checks" }).ClickAsync();
        var email = page.GetByTestId("checks").Locator("tr", new() { HasText = "E-mail server accepts the sign-in" });
        await Assertions.Expect(email).ToContainTextAsync($"the tenant's own SMTP server, {smtp.Host}:{smtp.Port}", new() { Timeout = 60_000 });
        await Assertions.Expect(email).ToContainTextAsync("signed in");
        await Assertions.Expect(email).ToHaveClassAsync("ok");
        Assert.DoesNotContain(smtp.Password, await page.ContentAsync());
        await Portal.ScreenshotAsync(page, "tenant-troubleshooting-email");
    }

    private async Task OpenSectionsAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Guests and interpreters" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "E-mail (SMTP)" }).ClickAsync();
        await Assertions.Expect(Field("GuestSmsTemplate")).ToBeVisibleAsync();
        await Assertions.Expect(Field("EmailHost")).ToBeVisibleAsync();
    }

    private ILocator Field(string name) => page.Locator($"input[name={name}], textarea[name={name}]");

    private ILocator FieldError(string name) =>
        page.Locator(".ez-field").Filter(new() { Has = page.Locator($"[name={name}]") }).Locator(".mud-input-helper-text.mud-input-error");

    private async Task FillAsync(string name, string value)
    {
        var input = Field(name);
        await input.FillAsync(value);
        await input.BlurAsync(); // MudBlazor text fields commit their value on change
    }

    private async Task SelectAsync(string name, string option)
    {
        await page.Locator($"div.mud-input-control.mud-select:has(input[name={name}])").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    private async Task<(string Host, int Port, string UserName, string Password)> SandboxSmtpAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.ServerAddress) };
        var server = await http.GetFromJsonAsync<JsonElement>("/sandbox/email/_test/server");
        return (server.GetProperty("host").GetString()!, server.GetProperty("port").GetInt32(),
            server.GetProperty("userName").GetString()!, server.GetProperty("password").GetString()!);
    }
}
