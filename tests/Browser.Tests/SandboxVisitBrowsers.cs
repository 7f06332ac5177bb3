using EpicZoom.TestSupport;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

/// <summary>
/// EpicZoom with its simulators on Kestrel, and two browsers on it: a patient's phone-sized one and a clinician's
/// desktop one. Ready once the sandbox tenant is seeded. <paramref name="settings"/> are added to the app's configuration.
/// </summary>
public abstract class SandboxVisitBrowsers(BrowserFixture browser, IEnumerable<KeyValuePair<string, string?>>? settings = null) : IAsyncLifetime
{
    protected EpicZoomApp App { get; } = new(new EpicZoomAppOptions { Sandbox = true, Kestrel = true, Settings = settings });

    protected IBrowserContext PatientContext { get; private set; } = null!;

    protected IBrowserContext ProviderContext { get; private set; } = null!;

    private readonly List<IBrowserContext> others = [];

    /// <summary>Another person's phone: a phone-sized browser context of its own, closed with the others.</summary>
    protected Task<IBrowserContext> NewPhoneAsync() => NewContextAsync(390, 844);

    /// <summary>Another person's desk: a 1366×768 browser context of its own (its own cookies), closed with the others.</summary>
    protected Task<IBrowserContext> NewDesktopAsync() => NewContextAsync(1366, 768);

    private async Task<IBrowserContext> NewContextAsync(int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.ServerAddress, ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(20_000);
        others.Add(context);
        return context;
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
        foreach (var other in others) await other.DisposeAsync();
        App.Dispose();
    }
}
