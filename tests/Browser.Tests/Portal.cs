using System.Text.RegularExpressions;
using EpicZoom.TestSupport;
using Microsoft.Playwright;

namespace EpicZoom.Browser.Tests;

internal static class Portal
{
    /// <summary>The first-run admin signs in with the generated password and must choose a new one; ends on the live tenants page.</summary>
    public static async Task SignInAsFirstAdminAsync(IPage page, EpicZoomApp app)
    {
        await page.GotoAsync("/tenants");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await ScreenshotAsync(page, "account-sign-in");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", app.InitialAdminPassword());
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/change-password"));
        await ScreenshotAsync(page, "account-change-password");
        await page.FillAsync("#currentPassword", app.InitialAdminPassword());
        await page.FillAsync("#newPassword", EpicZoomApp.AdminPassword);
        await page.FillAsync("#confirmPassword", EpicZoomApp.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tenants" })).ToBeVisibleAsync();
        await WaitForCircuitAsync(page);
    }

    /// <summary>EPICZOOM_SCREENSHOTS=&lt;folder&gt; keeps full-page screenshots for a human to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("EPICZOOM_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>At 1366×768 (a common hospital screen) nothing on the page needs sideways scrolling.</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"{page.Url} is {scroll} px wide in a {client} px window.");
    }

    /// <summary>Until the Blazor circuit is live, prerendered buttons do nothing.</summary>
    public static Task WaitForCircuitAsync(IPage page) => page.Locator("body[data-interactive=true]").WaitForAsync();
}
