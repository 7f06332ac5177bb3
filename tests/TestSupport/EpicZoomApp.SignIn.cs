using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace EpicZoom.TestSupport;

/// <summary>Signing in as the portal's roles: local accounts the first admin creates, and SSO through the sandbox IdP.</summary>
public sealed partial class EpicZoomApp
{
    /// <summary>The sandbox IdP's test users (src/Sandbox/Oidc/OidcUsers.cs), by the role their groups map to.</summary>
    public const string SsoAdministrator = "sandbox-ada";
    public const string SsoHelpDesk = "sandbox-hal";
    public const string SsoAuditor = "sandbox-audrey";
    public const string SsoNoGroup = "sandbox-nico";

    /// <summary>Authentication settings for SSO against the sandbox IdP as appsettings.Development.json has them (needs Sandbox and Kestrel).</summary>
    public static Dictionary<string, string?> SsoSettings(bool localAccounts = true) => new()
    {
        ["Authentication:LocalAccounts:Enabled"] = localAccounts ? "true" : "false",
        ["Authentication:Oidc:Enabled"] = "true",
        ["Authentication:Oidc:DisplayName"] = "the sandbox identity provider",
        ["Authentication:Oidc:ClientId"] = "epiczoom-portal",
        ["Authentication:Oidc:ClientSecret"] = "sandbox-oidc-secret",
        ["Authentication:Oidc:RoleGroups:Administrator:0"] = "epiczoom-administrators",
        ["Authentication:Oidc:RoleGroups:HelpDesk:0"] = "epiczoom-help-desk",
        ["Authentication:Oidc:RoleGroups:Auditor:0"] = "epiczoom-auditors",
    };

    /// <summary>
    /// Creates a local account with <paramref name="role"/> as the first admin, then signs in as it through the forms
    /// (choosing <see cref="AdminPassword"/> at the forced first change). Returns the new user's client.
    /// </summary>
    public async Task<HttpClient> SignedInLocalUserAsync(string userName, string role)
    {
        var admin = await SignedInAdminAsync();
        var initial = "Initial-Passw0rd-" + userName;
        var created = await admin.PostAsJsonAsync("/api/admin/accounts", new { userName, role, initialPassword = initial });
        if (created.StatusCode != HttpStatusCode.NoContent)
            throw new InvalidOperationException($"Account not created: {created.StatusCode} {await created.Content.ReadAsStringAsync()}");

        var client = CreateBrowserlessClient();
        var login = await PostFormAsync(client, "/account/login", "/account/login", new() { ["userName"] = userName, ["password"] = initial });
        if (login.Headers.Location?.OriginalString.Contains("error") != false) throw new InvalidOperationException($"Sign-in failed: {login.Headers.Location}");
        var change = await PostFormAsync(client, "/account/change-password", "/account/change-password",
            new() { ["currentPassword"] = initial, ["newPassword"] = AdminPassword, ["confirmPassword"] = AdminPassword });
        if (change.Headers.Location?.OriginalString.Contains("error") != false) throw new InvalidOperationException($"Password change failed: {change.Headers.Location}");
        return client;
    }

    /// <summary>
    /// Signs in through the sandbox IdP as <paramref name="subject"/>, redirect by redirect as a browser would; returns
    /// the client and where the flow ended (the return address, or the refusal page).
    /// </summary>
    public async Task<(HttpClient Client, string EndedAt)> SignedInWithSsoAsync(string subject, string returnUrl = "/")
    {
        // A plain client on the Kestrel address: every redirect is taken by hand, cookies kept as a browser keeps them.
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(ServerAddress),
        };
        var response = await PostFormAsync(client, "/account/login", "/account/sso", new() { ["returnUrl"] = returnUrl });
        var authorize = Location(response);
        var picker = await client.GetStringAsync(authorize);
        var form = Regex.Matches(picker, "<form method=\"post\" action=\"authorize\">(.*?)</form>", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value).Single(f => f.Contains($"value=\"{subject}\""));
        var fields = Regex.Matches(form, "name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        response = await client.PostAsync(new Uri(new Uri(authorize), "authorize"), new FormUrlEncodedContent(fields));
        // Back at /signin-oidc with the code; the handler redeems it and redirects to the return address.
        response = await client.GetAsync(Location(response));
        return (client, Location(response));
    }

    private static string Location(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            ? response.Headers.Location!.OriginalString
            : throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode} from {response.RequestMessage?.RequestUri}");
}
