using System.Net;
using EpicZoom.TestSupport;

namespace EpicZoom.Web.Tests;

public sealed class AuthenticationTests : IDisposable
{
    private readonly EpicZoomApp app = new();

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/tenants")]
    [InlineData("/tenants/new")]
    [InlineData("/tenants/5d0b1c8e-0000-4000-8000-000000000001")]
    [InlineData("/tenants/5d0b1c8e-0000-4000-8000-000000000001/fdi")]
    [InlineData("/audit")]
    [InlineData("/account/change-password")]
    public async Task AnonymousRequest_ToAnAdminPage_EndsAtSignIn(string path)
    {
        var response = await app.CreateBrowserlessClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/app.css")]
    public async Task TheScriptsAndStylesTheSignInPageNeeds_AreServedWithoutSigningIn(string path)
    {
        var response = await app.CreateBrowserlessClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    [Theory]
    [InlineData("GET", "/api/admin/tenants")]
    [InlineData("GET", "/api/admin/tenants/5d0b1c8e-0000-4000-8000-000000000001")]
    [InlineData("POST", "/api/admin/tenants")]
    [InlineData("DELETE", "/api/admin/tenants/5d0b1c8e-0000-4000-8000-000000000001")]
    public async Task AnonymousRequest_ToTheAdminApi_IsUnauthorized(string method, string path)
    {
        var response = await app.CreateBrowserlessClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null,
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_WithoutSignIn_AnswersHealthy()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task FirstSignIn_WithTheGeneratedPassword_ForcesAPasswordChangeBeforeAnythingElse()
    {
        var client = app.CreateBrowserlessClient();
        var password = app.InitialAdminPassword();

        var login = await EpicZoomApp.PostFormAsync(client, "/account/login", "/account/login",
            new() { ["userName"] = "admin", ["password"] = password, ["returnUrl"] = "/tenants" });
        Assert.Equal("/tenants", login.Headers.Location!.OriginalString);

        var tenants = await client.GetAsync("/tenants");
        Assert.Equal(HttpStatusCode.Redirect, tenants.StatusCode);
        Assert.Equal("/account/change-password", tenants.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/tenants")).StatusCode);

        var change = await EpicZoomApp.PostFormAsync(client, "/account/change-password", "/account/change-password",
            new() { ["currentPassword"] = password, ["newPassword"] = "A-much-better-passw0rd", ["confirmPassword"] = "A-much-better-passw0rd" });
        Assert.StartsWith("/tenants", change.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tenants")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/tenants")).StatusCode);
        Assert.False(File.Exists(Path.Combine(app.Data.Path, "initial-admin-password.txt")), "the first-run password file is deleted once replaced");
    }

    [Fact]
    public async Task PasswordChange_ToAWeakPassword_IsRefusedWithAReadableReason()
    {
        var client = app.CreateBrowserlessClient();
        var password = app.InitialAdminPassword();
        await EpicZoomApp.PostFormAsync(client, "/account/login", "/account/login", new() { ["userName"] = "admin", ["password"] = password });

        var change = await EpicZoomApp.PostFormAsync(client, "/account/change-password", "/account/change-password",
            new() { ["currentPassword"] = password, ["newPassword"] = "short", ["confirmPassword"] = "short" });
        var page = await client.GetStringAsync(change.Headers.Location!.OriginalString);

        Assert.Contains("at least 12 characters", page);
        Assert.Equal("/account/change-password", (await client.GetAsync("/tenants")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_ShowsAGenericError()
    {
        var client = app.CreateBrowserlessClient();

        var login = await EpicZoomApp.PostFormAsync(client, "/account/login", "/account/login",
            new() { ["userName"] = "admin", ["password"] = "wrong-password" });
        var page = await client.GetStringAsync(login.Headers.Location!.OriginalString);

        Assert.Contains("Sign-in failed", page);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/tenants")).StatusCode);
    }

    [Fact]
    public async Task SignIn_AfterFiveFailures_IsLockedOutEvenWithTheRightPassword()
    {
        var client = app.CreateBrowserlessClient();
        for (var i = 0; i < 5; i++)
            await EpicZoomApp.PostFormAsync(client, "/account/login", "/account/login", new() { ["userName"] = "admin", ["password"] = $"guess-{i}" });

        var login = await EpicZoomApp.PostFormAsync(client, "/account/login", "/account/login",
            new() { ["userName"] = "admin", ["password"] = app.InitialAdminPassword() });

        Assert.Contains("error=invalid", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRejected()
    {
        var client = app.CreateBrowserlessClient();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "admin",
            ["password"] = app.InitialAdminPassword(),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    public async Task SignIn_WithAForeignReturnUrl_StaysOnEpicZoom(string returnUrl)
    {
        var client = app.CreateBrowserlessClient();

        var login = await EpicZoomApp.PostFormAsync(client, "/account/login", "/account/login",
            new() { ["userName"] = "admin", ["password"] = app.InitialAdminPassword(), ["returnUrl"] = returnUrl });

        Assert.Equal("/tenants", login.Headers.Location!.OriginalString);
    }
}
