using Microsoft.AspNetCore.Http;

namespace EpicZoom.Sandbox.Epic.Smart;

internal sealed record OAuthErrorBody(string Error, string ErrorDescription);

/// <summary>RFC 6749 §5.2 error responses: 401 for client authentication, 400 for the rest.</summary>
internal static class OAuthError
{
    public static IResult InvalidRequest(string description) => Json("invalid_request", description);

    public static IResult InvalidGrant(string description) => Json("invalid_grant", description);

    public static IResult InvalidClient(string description) =>
        Json("invalid_client", description, StatusCodes.Status401Unauthorized);

    public static IResult UnsupportedGrantType(string description) => Json("unsupported_grant_type", description);

    public static IResult Json(string error, string description, int statusCode = StatusCodes.Status400BadRequest) =>
        Results.Json(new OAuthErrorBody(error, description), EpicJsonContext.Default.OAuthErrorBody, statusCode: statusCode);
}
