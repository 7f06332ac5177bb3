using EpicZoom.Sandbox.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EpicZoom.Sandbox.Oidc;

/// <summary>
/// An authorization request, checked as an IdP must (OpenID Connect Core §3.1.2, RFC 6749 §4.1.2.1, RFC 7636): an
/// unknown client_id or a redirect_uri other than the registered one gets a page (the IdP never redirects to an
/// unverified address); every other fault goes back to the client as error=… with its state.
/// </summary>
internal sealed record OidcAuthorizeRequest(
    string ClientId, string RedirectUri, string Scope, string? State, string? Nonce, string CodeChallenge)
{
    public const int MaxParameterLength = 4096;
    public static readonly string[] Fields = ["client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "response_mode"];

    /// <summary>The request, or the page (bad client / redirect_uri) or redirect (anything else) that refuses it.</summary>
    public static (OidcAuthorizeRequest? Request, IResult? Refusal) Read(Func<string, StringValues> get, SandboxUrls urls)
    {
        string? One(string name) => get(name) is { Count: 1 } v && v[0] is { Length: > 0 and <= MaxParameterLength } s ? s : null;
        bool Repeated(string name) => get(name).Count > 1;

        var clientId = One("client_id");
        if (clientId != SandboxDefaults.OidcClientId || Repeated("client_id"))
            return (null, Html.Error("Unknown client", "client_id is missing or not registered with the sandbox identity provider.", StatusCodes.Status400BadRequest));
        var redirectUri = One("redirect_uri");
        if (redirectUri != SandboxDefaults.OidcRedirectUri(urls.EpicZoomBaseUrl) || Repeated("redirect_uri"))
            return (null, Html.Error("Redirect URI not registered",
                $"redirect_uri must be exactly {SandboxDefaults.OidcRedirectUri(urls.EpicZoomBaseUrl)} for client {SandboxDefaults.OidcClientId}.", StatusCodes.Status400BadRequest));

        var state = One("state");
        IResult Back(string error, string description) => ErrorRedirect(redirectUri, error, description, state);

        if (Fields.Any(Repeated)) return (null, Back("invalid_request", "A parameter appears more than once."));
        if (One("response_type") != "code") return (null, Back("unsupported_response_type", "Only the authorization code flow (response_type=code) is supported."));
        if (One("response_mode") is { } mode && mode != "query") return (null, Back("invalid_request", "Only response_mode=query is supported."));
        var scope = One("scope") ?? "";
        if (!scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid")) return (null, Back("invalid_scope", "The scope must include openid."));
        var challenge = One("code_challenge");
        if (challenge is null || One("code_challenge_method") != "S256" || challenge.Length != 43)
            return (null, Back("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256."));

        return (new OidcAuthorizeRequest(clientId, redirectUri, scope, state, One("nonce"), challenge), null);
    }

    public static IResult ErrorRedirect(string redirectUri, string error, string description, string? state) =>
        Results.Redirect(WithQuery(redirectUri, ("error", error), ("error_description", description), ("state", state)));

    public static string WithQuery(string uri, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return uri + (uri.Contains('?') ? '&' : '?') + query;
    }
}
