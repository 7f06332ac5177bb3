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
        App.Dispose();
    }
}
