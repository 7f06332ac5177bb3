using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.Sandbox.Tests.Infrastructure;

/// <summary>Drives an EHR launch the way EpicZoom will: launch, authorize with PKCE, exchange the code.</summary>
internal sealed class SmartFlow(SandboxHost host)
{
    public const string State = "state-0123456789abcdef";

    public string Verifier { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(48));

    public string Challenge => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));

    public static Dictionary<string, string> Query(Uri uri) =>
        QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>Runs the launch simulator and returns the launch token from its redirect.</summary>
    public async Task<string> LaunchAsync(string query = "type=provider")
    {
        using var response = await host.Client.GetAsync("/sandbox/epic/launch?" + query);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Query(response.Headers.Location!)["launch"];
    }

    /// <summary>An authorize request as EpicZoom sends it; an override of null leaves the parameter out.</summary>
    public Task<HttpResponseMessage> AuthorizeAsync(string launch, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = SandboxDefaults.EpicClientId,
            ["redirect_uri"] = host.RedirectUri,
            ["scope"] = "launch openid fhirUser",
            ["launch"] = launch,
            ["aud"] = host.FhirBase,
            ["state"] = State,
            ["code_challenge"] = Challenge,
            ["code_challenge_method"] = "S256",
        };
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            parameters[name] = value;
        }

        var query = parameters.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value));
        return host.Client.GetAsync(QueryHelpers.AddQueryString("/sandbox/epic/oauth2/authorize", query));
    }

    public async Task<string> CodeAsync(string launch)
    {
        using var response = await AuthorizeAsync(launch);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = Query(response.Headers.Location!);
        Assert.Equal(State, query["state"]);
        return query["code"];
    }

    public async Task<HttpResponseMessage> TokenWithSecretAsync(
        string code, string? verifier = null, string clientId = SandboxDefaults.EpicClientId, string secret = SandboxDefaults.EpicClientSecret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/epic/oauth2/token")
        {
            Content = CodeForm(code, verifier),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WebUtility.UrlEncode(clientId)}:{WebUtility.UrlEncode(secret)}")));
        return await host.Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> TokenWithAssertionAsync(string code, string assertion) =>
        host.Client.PostAsync("/sandbox/epic/oauth2/token", CodeForm(code, null, new()
        {
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        }));

    public Task<HttpResponseMessage> BackendTokenAsync(string assertion) =>
        host.Client.PostAsync("/sandbox/epic/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        }));

    public string Assertion(string algorithm = SecurityAlgorithms.RsaSha384, DateTimeOffset? expires = null, string? jti = null) =>
        host.Keys.ClientAssertion(SandboxDefaults.EpicClientId, host.TokenUrl, algorithm, expires, jti);

    private FormUrlEncodedContent CodeForm(string code, string? verifier, Dictionary<string, string>? extra = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = host.RedirectUri,
            ["code_verifier"] = verifier ?? Verifier,
        };
        foreach (var (name, value) in extra ?? [])
        {
            form[name] = value;
        }

        return new FormUrlEncodedContent(form);
    }
}
