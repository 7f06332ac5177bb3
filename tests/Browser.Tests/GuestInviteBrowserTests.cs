using System.Text.RegularExpressions;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>
/// Guests in real browsers: the clinician invites an interpreter by e-mail and a family member by SMS from their launch
/// page; each guest opens the invitation from the sandbox inbox on a phone-sized screen, waits as themselves, and joins
/// the meeting under their name and role once the provider starts it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GuestInviteBrowserTests(BrowserFixture browser) : SandboxVisitBrowsers(browser)
{
    private const string Phone = "+15550100177";
    private const string Mail = "ana.ruiz@example.org";

    [Fact]
    public async Task AnInterpreterByEmail_AndAFamilyMemberBySms_JoinFromTheirPhones_WithTheirRoles()
    {
        await App.DbAsync(async db =>
        {
            foreach (var tenant in await db.Tenants.ToListAsync())
                tenant.ConfigureGuests(GuestSettings.Default with { Enabled = true }, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var csn = Random.Shared.NextInt64(100_000_000, 999_999_999);
        var provider = await ProviderContext.NewPageAsync();
        await provider.GotoAsync($"/sandbox/epic/launch?type=provider&csn={csn}&providerId=eDoc{csn}&noRedirect=true");
        await Assertions.Expect(provider.GetByRole(AriaRole.Heading, new() { Name = "Invite a guest" })).ToBeVisibleAsync();

        // An interpreter without a language first: the answer is on this page, on the field, and nothing is sent.
        await provider.GetByTestId("guest-role").SelectOptionAsync("Interpreter");
        await provider.GetByTestId("guest-name").FillAsync("Ana Ruiz");
        await provider.GetByTestId("guest-contact").FillAsync(Mail);
        await provider.GetByTestId("guest-invite").ClickAsync();
        await Assertions.Expect(provider.GetByTestId("guest-error-language")).ToBeVisibleAsync();
        await provider.GetByTestId("guest-language").FillAsync("Spanish");
        await provider.GetByTestId("guest-invite").ClickAsync();
        await Assertions.Expect(provider.GetByTestId("guest-outcome")).ToContainTextAsync("Invitation e-mailed to");

        await provider.GetByTestId("guest-role").SelectOptionAsync("FamilyCaregiver");
        await provider.GetByTestId("guest-language").FillAsync("");
        await provider.GetByTestId("guest-name").FillAsync("Sam Lee");
        await provider.GetByTestId("guest-contact").FillAsync(Phone);
        await provider.GetByTestId("guest-invite").ClickAsync();
        await Assertions.Expect(provider.GetByTestId("guest-row")).ToHaveCountAsync(2);
        await Assertions.Expect(provider.GetByTestId("guest-log")).Not.ToContainTextAsync(Mail);
        await Assertions.Expect(provider.GetByTestId("guest-log")).Not.ToContainTextAsync(Phone);
        await Portal.ScreenshotAsync(provider, "guest-invite-panel");

        // Each guest's phone: the invitation in the inbox, its link opened, the waiting room naming who they join as.
        var interpreter = await OpenFromInboxAsync($"/sandbox/email?to={Uri.EscapeDataString(Mail)}");
        await Assertions.Expect(interpreter.Locator("body")).ToContainTextAsync("Ana Ruiz");
        await Assertions.Expect(interpreter.Locator("body")).ToContainTextAsync("interpreter");
        await Portal.ScreenshotAsync(interpreter, "guest-waiting-phone");
        var family = await OpenFromInboxAsync($"/sandbox/sms?to={Uri.EscapeDataString(Phone)}");
        await Assertions.Expect(family.Locator("body")).ToContainTextAsync("Sam Lee");

        // The provider starts the visit; both guests' pages move on to Zoom, named with their role, and join.
        await provider.GetByTestId("meeting-link").ClickAsync();
        await Assertions.Expect(provider).ToHaveURLAsync(new Regex("/sandbox/zoom/s/\\d+\\?zak="));
        await provider.Locator("#join").ClickAsync();
        foreach (var (guest, name) in new[] { (interpreter, "Ana Ruiz (interpreter, Spanish)"), (family, "Sam Lee") })
        {
            await Assertions.Expect(guest).ToHaveURLAsync(new Regex("/sandbox/zoom/j/\\d+\\?"), new() { Timeout = 20_000 });
            await Assertions.Expect(guest.Locator("input[name=name]")).ToHaveValueAsync(new Regex("^" + Regex.Escape(name)));
            await guest.Locator("#join").ClickAsync();
            await Assertions.Expect(guest.Locator("#state")).ToHaveAttributeAsync("data-state", "joined");
        }

        // The host sees both in the meeting under those names.
        var participants = provider.Locator("#participants");
        await Assertions.Expect(participants).ToContainTextAsync("Ana Ruiz (interpreter, Spanish)");
        await Assertions.Expect(participants).ToContainTextAsync("Sam Lee");
        await Portal.ScreenshotAsync(family, "guest-in-meeting-phone");
    }

    /// <summary>A phone of its own opening the invitation link from an inbox page: the waiting room, in a new tab.</summary>
    private async Task<IPage> OpenFromInboxAsync(string inboxPath)
    {
        var phone = await NewPhoneAsync();
        var inbox = await phone.NewPageAsync();
        await inbox.GotoAsync(inboxPath);
        var link = inbox.Locator("a[href*='/t/']").First;
        await Assertions.Expect(link).ToBeVisibleAsync();
        var waiting = await phone.RunAndWaitForPageAsync(() => link.ClickAsync());
        await Assertions.Expect(waiting).ToHaveURLAsync(new Regex("/visit/wait\\?pass="));
        return waiting;
    }
}
