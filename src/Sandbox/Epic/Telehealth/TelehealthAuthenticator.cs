using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.Smart;
using Microsoft.AspNetCore.Http;

namespace EpicZoom.Sandbox.Epic.Telehealth;

/// <summary>
/// Telehealth web services want the calling client in Epic-Client-ID and either a Bearer token
/// that client obtained from the token endpoint or Basic "emp$"+user:password.
/// </summary>
internal sealed class TelehealthAuthenticator(EpicClientRegistry clients, SmartGrantStore grants, TimeProvider time)
{
    public const string ClientIdHeader = "Epic-Client-ID";

    /// <summary>Null when the caller is allowed; otherwise the response to send.</summary>
    public IResult? Check(HttpContext http, SandboxUrls urls)
    {
        var clientId = http.Request.Headers[ClientIdHeader].ToString();
        if (clientId.Length == 0)
        {
            return OAuthError.InvalidRequest($"The {ClientIdHeader} header is required.");
        }

        var client = clients.Find(clientId, urls);
        if (client is not null && IsAuthorized(client, http.Request.Headers.Authorization))
        {
            return null;
        }

        http.Response.Headers.WWWAuthenticate = "Bearer, Basic realm=\"epic-sandbox\"";
        return client is null
            ? OAuthError.InvalidClient($"Unknown {ClientIdHeader}.")
            : OAuthError.Json("unauthorized", "A Bearer token issued to this client or Basic emp$ credentials are required.", StatusCodes.Status401Unauthorized);
    }

    private bool IsAuthorized(SandboxEpicClient client, string? authorization)
    {
        if (AuthorizationHeader.TryGetBearer(authorization, out var token))
        {
            return grants.FindAccessToken(token, time.GetUtcNow()) is { } grant && grant.ClientId == client.ClientId;
        }

        return AuthorizationHeader.TryGetBasic(authorization, out var user, out var password)
            && client.BasicUser is not null
            && user == "emp$" + client.BasicUser
            && AuthorizationHeader.SecretEquals(client.BasicPassword, password);
    }
}
