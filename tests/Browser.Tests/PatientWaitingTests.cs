using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>The patient's side in a real browser: the waiting page moves on by itself once the provider starts the visit.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PatientWaitingTests(BrowserFixture browser) : SandboxVisitBrowsers(browser)
{
    [Fact]
    public async Task Patient_WaitsForTheProvider_AndIsTakenIntoTheVisitWhenTheProviderStartsIt()
    {
        var csn = Random.Shared.NextInt64(100_000_000, 999_999_999);
        var patient = await PatientContext.NewPageAsync();
        var provider = await ProviderContext.NewPageAsync();

        // MyChart launch: the patient lands on the waiting page (the encounter provider will host).
        await patient.GotoAsync($"/sandbox/epic/launch?type=patient&csn={csn}&encounterProviderId=eDoc{csn}&firstName=Pat");
        await Assertions.Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "Please wait for the host to start this meeting." })).ToBeVisibleAsync();
        await Assertions.Expect(patient).ToHaveURLAsync(new Regex("/visit/wait\\?pass="));

        // Hyperspace launch: the encounter provider gets Zoom's start page and starts the meeting.
        await provider.GotoAsync($"/sandbox/epic/launch?type=provider&csn={csn}&providerId=eDoc{csn}");
        await Assertions.Expect(provider).ToHaveURLAsync(new Regex("/sandbox/zoom/s/\\d+\\?zak="));
        await provider.Locator("#join").ClickAsync();

        // The patient's page notices by itself and opens the meeting's join page as the patient's Zoom identity.
        await Assertions.Expect(patient).ToHaveURLAsync(new Regex("/sandbox/zoom/j/\\d+\\?pwd=.+&zak="), new() { Timeout = 20_000 });
        await Assertions.Expect(patient.Locator("input[name=email]")).ToHaveValueAsync(new Regex("^pt-.+@sandbox-health\\.example$"));
    }
}
