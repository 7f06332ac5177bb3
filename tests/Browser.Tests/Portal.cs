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
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", app.InitialAdminPassword());
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/change-password"));
        await page.FillAsync("#currentPassword", app.InitialAdminPassword());
        await page.FillAsync("#newPassword", EpicZoomApp.AdminPassword);
        await page.FillAsync("#confirmPassword", EpicZoomApp.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tenants" })).ToBeVisibleAsync();
        await WaitForCircuitAsync(page);
    }

    /// <summary>Until the Blazor circuit is live, prerendered buttons do nothing.</summary>
    public static Task WaitForCircuitAsync(IPage page) => page.Locator("body[data-interactive=true]").WaitForAsync();
}
