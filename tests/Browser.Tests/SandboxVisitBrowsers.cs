using EpicZoom.TestSupport;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>
/// EpicZoom with its simulators on Kestrel, and two browsers on it: a patient's phone-sized one and a clinician's
/// desktop one. Ready once the sandbox tenant is seeded.
/// </summary>
public abstract class SandboxVisitBrowsers(BrowserFixture browser) : IAsyncLifetime
{
    protected EpicZoomApp App { get; } = new(new EpicZoomAppOptions { Sandbox = true, Kestrel = true });

    protected IBrowserContext PatientContext { get; private set; } = null!;

    protected IBrowserContext ProviderContext { get; private set; } = null!;

    private readonly List<IBrowserContext> phones = [];

    /// <summary>Another person's phone: a phone-sized browser context of its own, closed with the others.</summary>
    protected async Task<IBrowserContext> NewPhoneAsync()
    {
        var phone = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.ServerAddress, ViewportSize = new() { Width = 390, Height = 844 } });
        phone.SetDefaultTimeout(20_000);
        phones.Add(phone);
        return phone;
    }

    public async Task InitializeAsync()
    {
        await App.StartedAsync();
        PatientContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.ServerAddress, ViewportSize = new() { Width = 390, Height = 844 } });
        ProviderContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.ServerAddress });
        PatientContext.SetDefaultTimeout(20_000);
        ProviderContext.SetDefaultTimeout(20_000);
    }

    public async Task DisposeAsync()
    {
        await PatientContext.DisposeAsync();
        await ProviderContext.DisposeAsync();
        foreach (var phone in phones) await phone.DisposeAsync();
        App.Dispose();
    }
}
