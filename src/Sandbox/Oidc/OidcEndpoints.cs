using EpicZoom.Sandbox.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Oidc;

/// <summary>
/// A small OpenID Connect identity provider at /sandbox/oidc (docs/sandbox.md): discovery, authorize (code flow, PKCE
/// S256 required) with a picker of test users instead of a password, token (client_secret_basic or _post, codes
/// single-use and short-lived), JWKS, end_session. Enough for the portal's SSO to run offline, strict enough that
/// the protocol mistakes a real IdP refuses are refused here too.
/// </summary>
internal static class OidcEndpoints
{
    public static void MapOidcProvider(this IEndpointRouteBuilder sandbox)
    {
        var oidc = sandbox.MapGroup("/oidc");
        oidc.MapGet("/.well-known/openid-configuration", (SandboxUrls urls) => Results.Json(Discovery(urls), OidcJsonContext.Default.OidcDiscovery));
        oidc.MapGet("/jwks", (OidcSigningKey key) => Results.Json(key.PublicJwks(), OidcJsonContext.Default.JwksDocument));
        oidc.MapGet("/authorize", (HttpContext http, SandboxUrls urls) => AuthorizePage(http, urls));
        oidc.MapPost("/authorize", OidcTokenEndpoint.ChooseUserAsync);
        oidc.MapPost("/token", OidcTokenEndpoint.HandleAsync);
        oidc.MapGet("/logout", EndSessionAsync);

        var test = oidc.MapGroup("/_test");
        test.MapResetEndpoint(Simulator.Oidc);
        test.MapGet("/end-sessions", (OidcCodeStore store) => Results.Json(new OidcEndSessionCount(store.EndSessions), OidcJsonContext.Default.OidcEndSessionCount));
    }

    public static OidcDiscovery Discovery(SandboxUrls urls)
    {
        var issuer = SandboxDefaults.OidcIssuer(urls.BaseUrl);
        return new OidcDiscovery(
            issuer, issuer + "/authorize", issuer + "/token", issuer + "/jwks", issuer + "/logout",
            ["code"], ["query"], ["authorization_code"], ["public"], ["RS256"], ["openid", "profile", "email"],
            ["client_secret_basic", "client_secret_post"], ["S256"], ["sub", "name", "email", "groups", "nonce"]);
    }

    private static IResult AuthorizePage(HttpContext http, SandboxUrls urls)
    {
        var (request, refusal) = OidcAuthorizeRequest.Read(name => http.Request.Query[name], urls);
        if (refusal is not null) return refusal;

        // The request travels on in hidden fields; the POST checks all of it again.
        var hidden = string.Concat(OidcAuthorizeRequest.Fields.Select(f => http.Request.Query[f].ToString() is { Length: > 0 } v
            ? $"<input type=\"hidden\" name=\"{f}\" value=\"{Html.E(v)}\">" : ""));
        var rows = string.Concat(OidcUsers.All.Select(u => $"""
            <tr><td><strong>{Html.E(u.Name)}</strong><div class="muted">{Html.E(u.Email)}</div></td><td>{Html.E(u.Role)}</td>
            <td><code>{Html.E(string.Join(", ", u.Groups))}</code></td>
            <td><form method="post" action="authorize">{hidden}<input type="hidden" name="user" value="{Html.E(u.Subject)}">
            <button type="submit" data-user="{Html.E(u.Subject)}">Sign in as {Html.E(u.Name)}</button></form></td></tr>
            """));
        var body = $"""
            <p>EpicZoom asks who you are. Pick a test user: each stands for one portal role through the groups in its id_token.</p>
            <table><thead><tr><th>User</th><th>Portal role</th><th>Groups</th><th></th></tr></thead><tbody>{rows}</tbody></table>
            <form method="post" action="authorize">{hidden}<input type="hidden" name="user" value="">
            <button type="submit" data-user="cancel">Cancel (access_denied)</button></form>
            """;
        http.Response.Headers.CacheControl = "no-store";
        return Html.Page("Sandbox identity provider: choose a user", body);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext http, SandboxUrls urls, OidcSigningKey key, OidcCodeStore store)
    {
        var query = http.Request.Query;
        var postLogout = query["post_logout_redirect_uri"].ToString();
        var hint = query["id_token_hint"].ToString();
        var state = query["state"].ToString();
        if (hint.Length > 0 && (hint.Length > 16_384 || !await key.SignedAsync(hint, SandboxDefaults.OidcIssuer(urls.BaseUrl))))
            return Html.Error("Sign-out refused", "id_token_hint is not an id_token this identity provider issued.", StatusCodes.Status400BadRequest);
        if (postLogout.Length > 0 && postLogout != SandboxDefaults.OidcPostLogoutRedirectUri(urls.EpicZoomBaseUrl))
            return Html.Error("Sign-out refused", "post_logout_redirect_uri is not registered for the client.", StatusCodes.Status400BadRequest);

        store.RecordEndSession();
        return postLogout.Length == 0
            ? Html.Page("Signed out", "<p>You are signed out of the sandbox identity provider.</p>")
            : Results.Redirect(OidcAuthorizeRequest.WithQuery(postLogout, ("state", state.Length > 0 ? state : null)));
    }
}

internal sealed record OidcEndSessionCount(int EndSessions);
