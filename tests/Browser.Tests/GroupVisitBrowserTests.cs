using System.Text.RegularExpressions;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>
/// A group visit in real browsers, started from the Epic simulator's page: the provider and three patients, each on
/// their own phone, under one conference id; the host admits them one by one from Zoom's waiting room, and Hyperspace's
/// schedule lights each patient only once admitted.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class GroupVisitBrowserTests(BrowserFixture browser) : SandboxVisitBrowsers(browser)
{
    [Fact]
    public async Task ThreePatients_AreAdmittedOneByOne_AndEachIsLitInEpicsSchedule()
    {
        await App.DbAsync(db => db.Tenants.ExecuteUpdateAsync(s => s.SetProperty(t => t.AdmittancePolicy, PatientAdmittancePolicy.HostAdmitsFromWaitingRoom)));
        var provider = await ProviderContext.NewPageAsync();
        await provider.GotoAsync("/sandbox/epic/");
        var conferenceId = await provider.GetByTestId("group-conference-id").InnerTextAsync();
        var patientLinks = await provider.GetByTestId("group-patient").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(3, patientLinks.Length);

        // The provider launches the group visit from Hyperspace and starts the meeting.
        await provider.GetByTestId("group-provider").ClickAsync();
        await Assertions.Expect(provider).ToHaveURLAsync(new Regex("/sandbox/zoom/s/\\d+\\?zak="));
        await provider.Locator("#join").ClickAsync();
        await Assertions.Expect(provider.Locator("#state")).ToHaveAttributeAsync("data-state", "joined");

        // Each patient launches from MyChart on their own phone and, the host being in, knocks at Zoom's waiting room.
        var patients = new List<IPage>();
        foreach (var link in patientLinks)
        {
            var phone = await (await NewPhoneAsync()).NewPageAsync();
            await phone.GotoAsync(link);
            await Assertions.Expect(phone).ToHaveURLAsync(new Regex("/sandbox/zoom/j/\\d+\\?"), new() { Timeout = 20_000 });
            await phone.Locator("#join").ClickAsync();
            await Assertions.Expect(phone.Locator("#state")).ToHaveAttributeAsync("data-state", "waiting");
            patients.Add(phone);
        }

        var admit = provider.Locator("#waiting button");
        await Assertions.Expect(admit).ToHaveCountAsync(3);
        await Portal.ScreenshotAsync(provider, "group-visit-host-waiting-room");
        var schedule = await ProviderContext.NewPageAsync();
        await schedule.GotoAsync("/sandbox/epic/schedule");
        await Assertions.Expect(LitRows(schedule, conferenceId)).ToHaveCountAsync(1); // the host

        // Admitted one by one: each admission lights one more person of the group in Epic, and no one else.
        for (var admitted = 1; admitted <= 3; admitted++)
        {
            await admit.First.ClickAsync();
            await Assertions.Expect(admit).ToHaveCountAsync(3 - admitted);
            await Assertions.Expect(provider.Locator("#participants li")).ToHaveCountAsync(1 + admitted);
            await schedule.ReloadAsync();
            await Assertions.Expect(LitRows(schedule, conferenceId)).ToHaveCountAsync(1 + admitted, new() { Timeout = 20_000 });
        }

        foreach (var patient in patients)
            await Assertions.Expect(patient.Locator("#state")).ToHaveAttributeAsync("data-state", "joined");
        await Portal.ScreenshotAsync(schedule, "group-visit-epic-schedule");
        await Portal.ScreenshotAsync(patients[0], "group-visit-patient-phone");
    }

    /// <summary>The schedule's rows of this group with a green light.</summary>
    private static ILocator LitRows(IPage schedule, string conferenceId) =>
        schedule.Locator("tr").Filter(new() { HasText = conferenceId }).Filter(new() { Has = schedule.Locator(".light.on") });
}
