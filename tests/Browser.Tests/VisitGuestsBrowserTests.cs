using System.Text.RegularExpressions;
using EpicZoom.Domain.Tenants;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>
/// The admin Visits page with a group visit and guests, in Chromium: a help-desk user signed in through the sandbox IdP
/// sees the group marked with its patient count, invites an interpreter by e-mail from the visit's Guests dialog,
/// resends and revokes the invitation; the guest is shown by role, never as an Epic id; an auditor sees them but
/// cannot invite.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VisitGuestsBrowserTests(BrowserFixture browser) : SandboxVisitBrowsers(browser, EpicZoomApp.SsoSettings())
{
    private const string Mail = "ines.moreau@example.org";

    [Fact]
    public async Task HelpDesk_InvitesResendsAndRevokesAnInterpreter_OnAGroupVisit_AndAnAuditorOnlySeesThem()
    {
        await App.DbAsync(async db =>
        {
            foreach (var tenant in await db.Tenants.ToListAsync())
                tenant.ConfigureGuests(GuestSettings.Default with { Enabled = true }, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var conference = "G" + Random.Shared.NextInt64(100_000_000, 999_999_999);
        var clinician = await ProviderContext.NewPageAsync();
        await clinician.GotoAsync($"/sandbox/epic/launch?type=provider&conferenceId={conference}&providerId=eDoc{conference}&noRedirect=true");
        await Assertions.Expect(clinician.GetByTestId("meeting-link")).ToBeVisibleAsync();
        for (var i = 1; i <= 3; i++)
        {
            var phone = await (await NewPhoneAsync()).NewPageAsync();
            await phone.GotoAsync($"/sandbox/epic/launch?type=patient&conferenceId={conference}&patientId=eP{i}{conference}");
            await Assertions.Expect(phone).Not.ToHaveURLAsync(new Regex("/sandbox/epic/launch"), new() { Timeout = 20_000 });
        }

        var page = await SignedInAsync("Hal Help-Desk");
        var row = await VisitRowAsync(page, conference);
        await Assertions.Expect(row.GetByTestId("group-visit")).ToHaveTextAsync(new Regex("Group visit · 3 patients"));
        await Assertions.Expect(row.GetByTestId("visit-person").Filter(new() { HasText = "(host)" })).ToContainTextAsync("Provider");

        // The visit's Guests dialog: an interpreter without a language is refused on the field, then invited.
        await row.GetByTestId("visit-guests").ClickAsync();
        var dialog = page.GetByTestId("guests-dialog");
        await Assertions.Expect(dialog.GetByTestId("guests-none")).ToBeVisibleAsync();
        await dialog.GetByTestId("guest-invite-role").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Interpreter", new() { Exact = true }).ClickAsync();
        await dialog.Locator("input[name=name]").FillAsync("Inès Moreau");
        await dialog.Locator("input[name=contact]").FillAsync(Mail);
        await page.GetByTestId("guest-invite-send").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("guests-outcome")).ToContainTextAsync("language");
        await Assertions.Expect(dialog.GetByTestId("guest-invite-row")).ToHaveCountAsync(0);
        await dialog.Locator("input[name=language]").FillAsync("French");
        await page.GetByTestId("guest-invite-send").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("guests-outcome")).ToContainTextAsync("Invitation e-mailed to");
        var invite = dialog.GetByTestId("guest-invite-row");
        await Assertions.Expect(invite).ToHaveCountAsync(1);
        await Assertions.Expect(invite).ToContainTextAsync("Interpreter (French)");
        await Assertions.Expect(invite.GetByTestId("guest-invite-status")).ToHaveTextAsync(new Regex("^Sent"));
        await Assertions.Expect(dialog).Not.ToContainTextAsync(Mail);
        await Assertions.Expect(dialog.Locator("input[name=name]")).ToHaveValueAsync("");

        // Resend mails the same link again; the sandbox inbox has both.
        await invite.GetByTestId("guest-invite-resend").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("guests-outcome")).ToContainTextAsync("e-mailed");
        await Assertions.Expect(invite).ToContainTextAsync("2×");
        await Portal.ScreenshotAsync(page, "visit-guests-dialog");
        var inbox = await ProviderContext.NewPageAsync();
        await inbox.GotoAsync($"/sandbox/email?to={Uri.EscapeDataString(Mail)}");
        await Assertions.Expect(inbox.Locator("a[href*='/t/']")).ToHaveCountAsync(2);

        // Revoke asks first; the link then dies and the row says so.
        await invite.GetByTestId("guest-invite-revoke").ClickAsync();
        await page.Locator(".mud-dialog").Filter(new() { HasText = "Revoke invitation" }).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(invite.GetByTestId("guest-invite-status")).ToHaveTextAsync(new Regex("^Revoked"));
        await Assertions.Expect(invite.GetByTestId("guest-invite-resend")).ToHaveCountAsync(0);
        var revoked = await inbox.Context.NewPageAsync();
        var answer = await revoked.GotoAsync(await inbox.Locator("a[href*='/t/']").First.GetAttributeAsync("href") ?? "");
        Assert.NotEqual(200, answer?.Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        // On the Visits page the guest is their role, not an Epic id, and the button counts them.
        await Assertions.Expect(row.GetByTestId("visit-guest")).ToHaveTextAsync(new Regex("Interpreter \\(French\\), revoked"));
        await Assertions.Expect(row.GetByTestId("visit-guests")).ToContainTextAsync("Guests (1)");
        await Portal.ScreenshotAsync(page, "visits-group-and-guest");
        await Portal.AssertNoSidewaysScrollAsync(page);

        // An auditor reads the same row and has no Guests button.
        var auditor = await SignedInAsync("Audrey Auditor");
        var auditorRow = await VisitRowAsync(auditor, conference);
        await Assertions.Expect(auditorRow.GetByTestId("visit-guest")).ToHaveCountAsync(1);
        await Assertions.Expect(auditorRow.GetByTestId("visit-guests")).ToHaveCountAsync(0);
    }

    /// <summary>A desktop browser of its own, signed in through the sandbox IdP as <paramref name="name"/>.</summary>
    private async Task<IPage> SignedInAsync(string name)
    {
        var context = await NewDesktopAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/visits");
        await page.GetByTestId("sso-sign-in").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as " + name }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Visits" })).ToBeVisibleAsync();
        await Portal.WaitForCircuitAsync(page);
        return page;
    }

    private static async Task<ILocator> VisitRowAsync(IPage page, string conference)
    {
        var row = page.Locator("tr.ez-visit-row").Filter(new() { HasText = conference });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        return row;
    }
}
