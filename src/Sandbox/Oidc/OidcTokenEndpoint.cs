using System.Net;
using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.Smart;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Oidc;

/// <summary>The picker's choice (a code for the client) and the token endpoint (the code for an id_token).</summary>
internal static class OidcTokenEndpoint
{
    /// <summary>POST /authorize from the picker: the whole request is checked again, then a code goes back with the state.</summary>
    public static async Task<IResult> ChooseUserAsync(HttpContext http, SandboxUrls urls, OidcCodeStore store, TimeProvider time, IOptions<SandboxOptions> options)
    {
        if (!http.Request.HasFormContentType) return Html.Error("Bad request", "The sign-in form must be posted as a form.", StatusCodes.Status400BadRequest);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (request, refusal) = OidcAuthorizeRequest.Read(name => form[name], urls);
        if (refusal is not null) return refusal;

        var chosen = form["user"].ToString();
        if (chosen.Length == 0)
            return OidcAuthorizeRequest.ErrorRedirect(request!.RedirectUri, "access_denied", "The user cancelled the sign-in.", request.State);
        if (OidcUsers.Find(chosen) is not { } user)
            return OidcAuthorizeRequest.ErrorRedirect(request!.RedirectUri, "access_denied", "No such test user.", request.State);

        var code = store.Issue(new OidcCode(request!.ClientId, request.RedirectUri, request.CodeChallenge, request.Nonce, request.Scope, user,
            time.GetUtcNow() + options.Value.OidcCodeLifetime));
        return Results.Redirect(OidcAuthorizeRequest.WithQuery(request.RedirectUri, ("code", code), ("state", request.State),
            ("iss", SandboxDefaults.OidcIssuer(urls.BaseUrl))));
    }

    public static async Task<IResult> HandleAsync(HttpContext http, SandboxUrls urls, OidcCodeStore store, OidcSigningKey key, TimeProvider time,
        IOptions<SandboxOptions> options)
    {
        // Responses carrying tokens must not be cached (RFC 6749 §5.1).
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (!http.Request.HasFormContentType) return OAuthError.InvalidRequest("The token request must be application/x-www-form-urlencoded.");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);

        var hasBasic = AuthorizationHeader.TryGetBasic(http.Request.Headers.Authorization, out var basicUser, out var basicPassword);
        string clientId, secret;
        if (hasBasic)
        {
            if (form.ContainsKey("client_secret")) return OAuthError.InvalidRequest("Use one client authentication method, not Basic and client_secret together.");
            (clientId, secret) = (WebUtility.UrlDecode(basicUser), WebUtility.UrlDecode(basicPassword));
            if (form["client_id"].ToString() is { Length: > 0 } bodyId && bodyId != clientId)
                return OAuthError.InvalidRequest("client_id in the body differs from the Basic user.");
        }
        else if (form.ContainsKey("client_secret"))
        {
            (clientId, secret) = (form["client_id"].ToString(), form["client_secret"].ToString());
        }
        else
        {
            return OAuthError.InvalidClient("Client authentication is required (client_secret_basic or client_secret_post).");
        }
        if (clientId != SandboxDefaults.OidcClientId || !AuthorizationHeader.SecretEquals(SandboxDefaults.OidcClientSecret, secret))
            return OAuthError.InvalidClient("Unknown client or wrong client secret.");

        switch (form["grant_type"].ToString())
        {
            case "authorization_code": break;
            case "": return OAuthError.InvalidRequest("grant_type is required.");
            default: return OAuthError.UnsupportedGrantType("grant_type must be authorization_code.");
        }

        var now = time.GetUtcNow();
        // Taken out of the store whatever follows: a code is tried once, right or wrong (RFC 6749 §4.1.2).
        if (!store.TryRedeem(form["code"].ToString(), out var code) || code.ExpiresAt <= now)
            return OAuthError.InvalidGrant("The authorization code is invalid, expired or already used.");
        if (code.ClientId != clientId) return OAuthError.InvalidGrant("The authorization code was issued to another client.");
        if (form["redirect_uri"] != code.RedirectUri) return OAuthError.InvalidGrant("redirect_uri does not match the one sent to the authorize endpoint.");
        if (!Pkce.Verifies(form["code_verifier"], code.CodeChallenge)) return OAuthError.InvalidGrant("code_verifier is missing or does not match the code_challenge.");

        var user = code.User;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = user.Subject,
            ["name"] = user.Name,
            ["email"] = user.Email,
            ["groups"] = user.Groups.ToArray(),
            ["auth_time"] = now.ToUnixTimeSeconds(),
        };
        if (code.Nonce is not null) claims["nonce"] = code.Nonce;
        var lifetime = TimeSpan.FromMinutes(5);
        var idToken = key.CreateToken(SandboxDefaults.OidcIssuer(urls.BaseUrl), clientId, claims, now, lifetime);
        return Results.Json(new OidcTokenResponse(RandomIds.Token(), "Bearer", (int)lifetime.TotalSeconds, idToken, code.Scope),
            OidcJsonContext.Default.OidcTokenResponse);
    }
}
