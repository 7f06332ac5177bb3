using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Zoom.OAuth;

internal sealed record ZoomTokenResponse(string AccessToken, string TokenType, int ExpiresIn, string Scope, string ApiUrl);

internal sealed record ZoomOAuthError(string Reason, string Error);

/// <summary>Server-to-Server OAuth: account_credentials with the app's client id and secret in Basic auth.</summary>
internal static class ZoomTokenEndpoint
{
    private const string GrantedScopes =
        "account:read:admin meeting:read:admin meeting:write:admin room:read:admin room:write:admin user:read:admin user:write:admin";

    public static void MapZoomOAuth(this IEndpointRouteBuilder simulated) =>
        simulated.MapPost("/oauth/token", IssueAsync).WithFaultName("token");

    private static async Task<IResult> IssueAsync(
        HttpContext http, SandboxUrls urls, ZoomAccountRegistry accounts, ZoomTokenStore tokens, TimeProvider time, IOptions<SandboxOptions> options)
    {
        // Zoom's examples put grant_type and account_id in the query string; forms work too.
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        string Param(string name) => form?[name].ToString() is { Length: > 0 } value ? value : http.Request.Query[name].ToString();

        if (!AuthorizationHeader.TryGetBasic(http.Request.Headers.Authorization, out var clientId, out var clientSecret))
        {
            return Error(StatusCodes.Status401Unauthorized, "Invalid client_id or client_secret", "invalid_client");
        }

        if (Param("grant_type") != "account_credentials")
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported grant type", "unsupported_grant_type");
        }

        var accountId = Param("account_id");
        if (accountId.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "Invalid request : account_id is required.", "invalid_request");
        }

        var account = accounts.Find(accountId, urls);
        if (account is null || account.ClientId != clientId || !AuthorizationHeader.SecretEquals(account.ClientSecret, clientSecret))
        {
            return Error(StatusCodes.Status401Unauthorized, "Invalid client_id or client_secret", "invalid_client");
        }

        var lifetime = options.Value.AccessTokenLifetime;
        var token = tokens.Issue(account.AccountId, time.GetUtcNow() + lifetime);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(
            new ZoomTokenResponse(token, "bearer", (int)lifetime.TotalSeconds, GrantedScopes, urls.ZoomBase),
            ZoomJsonContext.Default.ZoomTokenResponse);
    }

    private static IResult Error(int statusCode, string reason, string error) =>
        Results.Json(new ZoomOAuthError(reason, error), ZoomJsonContext.Default.ZoomOAuthError, statusCode: statusCode);
}
