using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Account;

/// <summary>The app on Kestrel with the sandbox IdP: its protocol checks over real HTTP, and SSO sign-in per role.</summary>
public sealed class SsoAppFixture : IAsyncLifetime
{
    public EpicZoomApp App { get; } = new(new EpicZoomAppOptions { Sandbox = true, Kestrel = true, Settings = EpicZoomApp.SsoSettings() });

    public Task InitializeAsync() => App.StartedAsync();

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class SsoTests(SsoAppFixture fixture) : IClassFixture<SsoAppFixture>
{
    private const string Verifier = "sandbox-test-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
    private EpicZoomApp App => fixture.App;
    private string Issuer => App.ServerAddress + "/sandbox/oidc";
    private string RedirectUri => App.ServerAddress + "/signin-oidc";
    private static string Challenge => Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static HttpClient Raw() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    private string Authorize(string? redirectUri = null, string clientId = "epiczoom-portal", bool pkce = true) =>
        $"{Issuer}/authorize?client_id={clientId}&redirect_uri={Uri.EscapeDataString(redirectUri ?? RedirectUri)}&response_type=code&scope=openid%20profile&state=s-1&nonce=n-1"
        + (pkce ? $"&code_challenge={Challenge}&code_challenge_method=S256" : "");

    [Fact]
    public async Task Discovery_NamesTheEndpointsAndRequiresS256()
    {
        using var doc = JsonDocument.Parse(await Raw().GetStringAsync(Issuer + "/.well-known/openid-configuration"));
        var root = doc.RootElement;

        Assert.Equal(Issuer, root.GetProperty("issuer").GetString());
        Assert.Equal(Issuer + "/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal(Issuer + "/logout", root.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(["S256"], root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        using var jwks = JsonDocument.Parse(await Raw().GetStringAsync(root.GetProperty("jwks_uri").GetString()));
        Assert.Equal("RSA", jwks.RootElement.GetProperty("keys")[0].GetProperty("kty").GetString());
    }

    [Fact]
    public async Task Authorize_WithoutPkce_SendsInvalidRequestBackWithTheState()
    {
        var response = await Raw().GetAsync(Authorize(pkce: false));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(RedirectUri + "?error=invalid_request", location);
        Assert.Contains("state=s-1", location);
    }

    [Theory]
    [InlineData("https://evil.example/signin-oidc", "epiczoom-portal")]
    [InlineData(null, "someone-else")]
    public async Task Authorize_WithAnUnregisteredRedirectUriOrClient_IsA400PageAndNeverARedirect(string? redirectUri, string clientId)
    {
        var response = await Raw().GetAsync(Authorize(redirectUri, clientId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Token_RedeemsACodeOnce_AndChecksTheVerifierAndTheSecret()
    {
        var code = await CodeForAsync(EpicZoomApp.SsoHelpDesk);
        FormUrlEncodedContent Form(string verifier, string secret) => new(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["code_verifier"] = verifier,
            ["client_id"] = "epiczoom-portal", ["client_secret"] = secret,
        });

        var wrongSecret = await Raw().PostAsync(Issuer + "/token", Form(Verifier, "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);

        var first = await Raw().PostAsync(Issuer + "/token", Form(Verifier, "sandbox-oidc-secret"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var tokens = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var payload = tokens.RootElement.GetProperty("id_token").GetString()!.Split('.')[1];
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight((payload.Length + 3) / 4 * 4, '=')));
        Assert.Equal("n-1", claims.RootElement.GetProperty("nonce").GetString());
        Assert.Contains("epiczoom-help-desk", claims.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));

        var again = await Raw().PostAsync(Issuer + "/token", Form(Verifier, "sandbox-oidc-secret"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("invalid_grant", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_WithAWrongVerifier_IsInvalidGrant()
    {
        var code = await CodeForAsync(EpicZoomApp.SsoAuditor);
        var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["code_verifier"] = new string('x', 50),
            }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("epiczoom-portal:sandbox-oidc-secret")));

        var response = await Raw().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_grant", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(EpicZoomApp.SsoAdministrator, "Administrator", HttpStatusCode.OK)]
    [InlineData(EpicZoomApp.SsoHelpDesk, "Help desk", HttpStatusCode.Forbidden)]
    [InlineData(EpicZoomApp.SsoAuditor, "Auditor", HttpStatusCode.Forbidden)]
    public async Task SsoSignIn_GivesTheRoleTheGroupsMapTo(string subject, string shownRole, HttpStatusCode accounts)
    {
        var (client, endedAt) = await App.SignedInWithSsoAsync(subject, "/visits");

        Assert.Equal("/visits", endedAt);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/tenants")).StatusCode);
        Assert.Equal(accounts, (await client.GetAsync("/api/admin/accounts")).StatusCode);
        Assert.Contains("· " + shownRole, await client.GetStringAsync("/"));
        Assert.True(await App.DbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SignedInWithSso")));
    }

    [Fact]
    public async Task SsoSignIn_WithNoMappedGroup_IsRefusedWithAClearPageAndAudited()
    {
        var (client, endedAt) = await App.SignedInWithSsoAsync(EpicZoomApp.SsoNoGroup);

        Assert.Equal("/account/sso-refused", endedAt);
        Assert.Contains("no EpicZoom role", await client.GetStringAsync(endedAt));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/tenants")).StatusCode);
        Assert.True(await App.DbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SsoRefused" && a.Actor == "Nico No-Group")));
    }

    [Fact]
    public async Task SsoSignIn_WithAForeignReturnUrl_StaysOnEpicZoom()
    {
        var (_, endedAt) = await App.SignedInWithSsoAsync(EpicZoomApp.SsoAuditor, "https://evil.example/phish");

        Assert.Equal("/tenants", endedAt);
    }

    [Fact]
    public async Task SignOut_OfAnSsoUser_EndsTheSessionAtTheIdpToo()
    {
        var (client, _) = await App.SignedInWithSsoAsync(EpicZoomApp.SsoAdministrator);
        var before = await EndSessionsAsync();

        var response = await EpicZoomApp.PostFormAsync(client, "/", "/account/logout", new());
        Assert.StartsWith(Issuer + "/logout?", response.Headers.Location!.OriginalString);
        Assert.Contains("id_token_hint=", response.Headers.Location!.OriginalString);
        var back = await client.GetAsync(response.Headers.Location);
        Assert.StartsWith(App.ServerAddress + "/signout-callback-oidc", back.Headers.Location!.OriginalString);
        var done = await client.GetAsync(back.Headers.Location);

        Assert.Equal("/account/login?signedOut=1", done.Headers.Location!.OriginalString);
        Assert.Equal(before + 1, await EndSessionsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/tenants")).StatusCode);
    }

    [Fact]
    public async Task SsoFlow_LogsNoTokenAndNoClientSecret()
    {
        await App.SignedInWithSsoAsync(EpicZoomApp.SsoHelpDesk);

        Assert.DoesNotContain(App.LogLines, l => l.Contains("sandbox-oidc-secret") || l.Contains("eyJ"));
    }

    [Fact]
    public async Task LoginPage_OffersSingleSignOnBesideTheLocalForm()
    {
        var page = await App.CreateBrowserlessClient().GetStringAsync("/account/login");

        Assert.Contains("Sign in with the sandbox identity provider", page);
        Assert.Contains("id=\"password\"", page);
    }

    private async Task<int> EndSessionsAsync()
    {
        using var doc = JsonDocument.Parse(await Raw().GetStringAsync(Issuer + "/_test/end-sessions"));
        return doc.RootElement.GetProperty("end_sessions").GetInt32();
    }

    private async Task<string> CodeForAsync(string subject)
    {
        var fields = new Dictionary<string, string>
        {
            ["client_id"] = "epiczoom-portal", ["redirect_uri"] = RedirectUri, ["response_type"] = "code", ["scope"] = "openid profile",
            ["state"] = "s-1", ["nonce"] = "n-1", ["code_challenge"] = Challenge, ["code_challenge_method"] = "S256", ["user"] = subject,
        };
        var response = await Raw().PostAsync(Issuer + "/authorize", new FormUrlEncodedContent(fields));
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(RedirectUri + "?code=", location);
        return Uri.UnescapeDataString(location.Split("code=")[1].Split('&')[0]);
    }
}

/// <summary>Authentication:LocalAccounts:Enabled=false: no password form, and the endpoint refuses even the right password.</summary>
public sealed class LocalAccountsOffTests : IDisposable
{
    private readonly EpicZoomApp app = new(new EpicZoomAppOptions { Sandbox = true, Settings = EpicZoomApp.SsoSettings(localAccounts: false) });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task LocalSignIn_WhenSwitchedOff_IsRefusedAndTheFormIsHidden()
    {
        var client = app.CreateBrowserlessClient();
        var page = await client.GetStringAsync("/account/login");
        Assert.DoesNotContain("id=\"password\"", page);
        Assert.Contains("Sign in with", page);

        var login = await EpicZoomApp.PostFormAsync(client, "/account/login", "/account/login",
            new() { ["userName"] = "admin", ["password"] = app.InitialAdminPassword() });

        Assert.Contains("error=local-disabled", login.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/tenants")).StatusCode);
        Assert.True(await app.DbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "LocalSignInDisabled")));
    }
}
