using System.Text.Json.Nodes;
using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.LaunchSimulator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Epic.Smart;

/// <summary>
/// Exchanges an authorization code (EHR launch) or a client credential (backend services) for an
/// opaque access token. The launch context comes back as top-level fields, FDI context included.
/// </summary>
internal static class TokenEndpoint
{
    private const string BackendScope = "system/Patient.read system/Practitioner.read system/Encounter.read";

    public static async Task<IResult> HandleAsync(
        HttpContext http,
        SandboxUrls urls,
        ClientAuthenticator authenticator,
        SmartGrantStore grants,
        EpicSigningKey signingKey,
        TimeProvider time,
        IOptions<SandboxOptions> options)
    {
        // Responses carrying tokens must not be cached (RFC 6749 §5.1).
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (!http.Request.HasFormContentType)
        {
            return OAuthError.InvalidRequest("The token request must be application/x-www-form-urlencoded.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (client, failure) = await authenticator.AuthenticateAsync(http, form, urls);
        if (failure is not null)
        {
            return failure;
        }

        var now = time.GetUtcNow();
        var lifetime = options.Value.AccessTokenLifetime;
        return form["grant_type"].ToString() switch
        {
            "authorization_code" => ExchangeCode(form, client!, urls, grants, signingKey, now, lifetime),
            "client_credentials" => Token(grants, new AccessTokenGrant(client!.ClientId, ScopeRules.Grant(client, Scope(form)), null, now + lifetime), lifetime),
            "" => OAuthError.InvalidRequest("grant_type is required."),
            _ => OAuthError.UnsupportedGrantType("grant_type must be authorization_code or client_credentials."),
        };
    }

    private static IResult ExchangeCode(
        IFormCollection form,
        SandboxEpicClient client,
        SandboxUrls urls,
        SmartGrantStore grants,
        EpicSigningKey signingKey,
        DateTimeOffset now,
        TimeSpan lifetime)
    {
        if (!grants.TryRedeemCode(form["code"].ToString(), out var code) || code.ExpiresAt <= now)
        {
            return OAuthError.InvalidGrant("The authorization code is invalid, expired or already used.");
        }

        if (code.ClientId != client.ClientId)
        {
            return OAuthError.InvalidGrant("The authorization code was issued to another client.");
        }

        if (form["redirect_uri"] != code.RedirectUri)
        {
            return OAuthError.InvalidGrant("redirect_uri does not match the one sent to the authorize endpoint.");
        }

        if (!Pkce.Verifies(form["code_verifier"], code.CodeChallenge))
        {
            return OAuthError.InvalidGrant("code_verifier does not match the code_challenge.");
        }

        var launch = code.Launch;
        var body = TokenBody(grants, new AccessTokenGrant(client.ClientId, code.Scope, launch, now + lifetime), lifetime);
        var scopes = code.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Contains("openid"))
        {
            body["id_token"] = signingKey.CreateToken(urls.EpicFhirBase, client.ClientId, IdTokenClaims(launch, urls, scopes, code.Nonce), now, lifetime);
        }

        body["patient"] = launch.PatientId;
        body["encounter"] = launch.EncounterId;
        body["need_patient_banner"] = "false";
        foreach (var (name, value) in launch.FdiContext())
        {
            body[name] = value;
        }

        return Json(body);
    }

    private static Dictionary<string, object> IdTokenClaims(LaunchContext launch, SandboxUrls urls, string[] scopes, string? nonce)
    {
        var claims = new Dictionary<string, object> { ["sub"] = launch.UserFhirId };
        if (scopes.Contains("fhirUser"))
        {
            claims["fhirUser"] = urls.EpicFhirBase + "/" + launch.FhirUserReference;
        }

        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        return claims;
    }

    private static string Scope(IFormCollection form) => form["scope"].ToString() is { Length: > 0 } scope ? scope : BackendScope;

    private static IResult Token(SmartGrantStore grants, AccessTokenGrant grant, TimeSpan lifetime) => Json(TokenBody(grants, grant, lifetime));

    private static JsonObject TokenBody(SmartGrantStore grants, AccessTokenGrant grant, TimeSpan lifetime) => new()
    {
        ["access_token"] = grants.IssueAccessToken(grant),
        ["token_type"] = "Bearer",
        ["expires_in"] = (int)lifetime.TotalSeconds,
        ["scope"] = grant.Scope,
    };

    private static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(), "application/json; charset=utf-8");
}
