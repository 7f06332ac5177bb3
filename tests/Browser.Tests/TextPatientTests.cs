using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>
/// "Text the patient a link" in a real browser: the clinician sends it from their launch page, the patient opens it
/// from the sandbox's SMS inbox on a phone-sized screen, waits, and is taken into the visit when the provider starts it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TextPatientTests(BrowserFixture browser) : SandboxVisitBrowsers(browser)
{
    [Fact]
    public async Task TheClinicianTextsTheLink_ThePatientOpensItFromTheInbox_WaitsAndJoinsWhenTheProviderStarts()
    {
        var csn = Random.Shared.NextInt64(100_000_000, 999_999_999);
        var provider = await ProviderContext.NewPageAsync();

        // Hyperspace launch with noRedirect: the clinician's page has the meeting link and the texting form,
        // the patient's mobile already filled in from their FHIR record.
        await provider.GotoAsync($"/sandbox/epic/launch?type=provider&csn={csn}&providerId=eDoc{csn}&noRedirect=true");
        await Assertions.Expect(provider.GetByRole(AriaRole.Heading, new() { Name = "Text the patient a link" })).ToBeVisibleAsync();
        var phone = provider.GetByLabel("Patient's mobile number");
        await Assertions.Expect(phone).ToHaveValueAsync(new Regex(@"^\+1555555\d{4}$"));
        var number = await phone.InputValueAsync();

        // A typo first: the answer appears on this same page (no pop-up, the meeting link stays), says what is wrong, sends nothing.
        await phone.FillAsync("555 01");
        await provider.GetByTestId("sms-send").ClickAsync();
        await Assertions.Expect(provider.GetByTestId("sms-phone-error")).ToContainTextAsync("international format");
        Assert.Single(ProviderContext.Pages);
        await provider.GetByLabel("Patient's mobile number").FillAsync(number);
        await provider.GetByTestId("sms-send").ClickAsync();
        await Assertions.Expect(provider.GetByTestId("sms-outcome")).ToContainTextAsync("Text sent to");
        await Assertions.Expect(provider.GetByTestId("sms-log")).ToContainTextAsync(number[^4..]);
        await Assertions.Expect(provider.GetByTestId("meeting-link")).ToBeVisibleAsync();
        Assert.Single(ProviderContext.Pages);
        if (Environment.GetEnvironmentVariable("EPICZOOM_SCREENSHOTS") is { Length: > 0 } folder)
            await provider.ScreenshotAsync(new() { Path = Path.Combine(folder, "text-patient-sent.png"), FullPage = true });

        // The patient's phone: the message in the sandbox's SMS inbox, its link opened without MyChart.
        var inbox = await PatientContext.NewPageAsync();
        await inbox.GotoAsync($"/sandbox/sms?to={Uri.EscapeDataString(number)}");
        var link = inbox.Locator("a[href*='/t/']").First;
        await Assertions.Expect(link).ToBeVisibleAsync();
        var patient = await PatientContext.RunAndWaitForPageAsync(() => link.ClickAsync());
        await Assertions.Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "Please wait for the host to start this meeting." })).ToBeVisibleAsync();
        await Assertions.Expect(patient).ToHaveURLAsync(new Regex("/visit/wait\\?pass="));

        // The provider starts the visit from their launch page; the patient's page moves on by itself.
        await provider.GetByTestId("meeting-link").ClickAsync();
        await Assertions.Expect(provider).ToHaveURLAsync(new Regex("/sandbox/zoom/s/\\d+\\?zak="));
        await provider.Locator("#join").ClickAsync();

        await Assertions.Expect(patient).ToHaveURLAsync(new Regex("/sandbox/zoom/j/\\d+\\?pwd=.+&zak="), new() { Timeout = 20_000 });
        await Assertions.Expect(patient.Locator("input[name=email]")).ToHaveValueAsync(new Regex("^pt-.+@sandbox-health\\.example$"));
    }
}
