using System.Net;
using EpicZoom.Sandbox.Common;
using Microsoft.AspNetCore.Http;

namespace EpicZoom.Sandbox.Epic.Smart;

/// <summary>
/// Token endpoint client authentication: client_secret_basic or private_key_jwt, exactly one of
/// them. Epic supports no client_secret_post, so a secret in the body is refused.
/// </summary>
internal sealed class ClientAuthenticator(EpicClientRegistry clients, ClientAssertionValidator assertions)
{
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The authenticated client, or the error response to send.</summary>
    public async Task<(SandboxEpicClient? Client, IResult? Failure)> AuthenticateAsync(
        HttpContext http, IFormCollection form, SandboxUrls urls)
    {
        var hasBasic = AuthorizationHeader.TryGetBasic(http.Request.Headers.Authorization, out var user, out var password);
        var assertion = form["client_assertion"].ToString();
        if (hasBasic && assertion.Length > 0)
        {
            return (null, OAuthError.InvalidRequest("Use one client authentication method, not Basic and client_assertion together."));
        }

        if (hasBasic)
        {
            return AuthenticateBasic(http, form, WebUtility.UrlDecode(user), WebUtility.UrlDecode(password), urls);
        }

        if (assertion.Length > 0)
        {
            if (form["client_assertion_type"] != JwtBearerAssertionType)
            {
                return (null, OAuthError.InvalidClient($"client_assertion_type must be {JwtBearerAssertionType}."));
            }

            var (client, failure) = await assertions.ValidateAsync(assertion, urls, http.RequestAborted);
            if (client is not null && form["client_id"].ToString() is { Length: > 0 } bodyId && bodyId != client.ClientId)
            {
                return (null, OAuthError.InvalidClient("client_id does not match the client_assertion issuer."));
            }

            return client is null ? (null, OAuthError.InvalidClient(failure!)) : (client, null);
        }

        return form.ContainsKey("client_secret")
            ? (null, OAuthError.InvalidClient("client_secret_post is not supported; use client_secret_basic or private_key_jwt."))
            : (null, OAuthError.InvalidClient("Client authentication is required (client_secret_basic or private_key_jwt)."));
    }

    private (SandboxEpicClient? Client, IResult? Failure) AuthenticateBasic(
        HttpContext http, IFormCollection form, string clientId, string secret, SandboxUrls urls)
    {
        if (form.ContainsKey("client_id"))
        {
            return (null, OAuthError.InvalidRequest("With client_secret_basic, client_id must not also be sent in the body."));
        }

        var client = clients.Find(clientId, urls);
        if (client?.ClientSecret is null || !AuthorizationHeader.SecretEquals(client.ClientSecret, secret))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"epic-sandbox\"";
            return (null, OAuthError.InvalidClient("Unknown client or wrong client secret."));
        }

        return (client, null);
    }
}
