using Microsoft.AspNetCore.Http;

namespace EpicZoom.Sandbox.Zoom;

internal sealed record ZoomFieldError(string Field, string Message);

internal sealed record ZoomErrorBody(int Code, string Message, IReadOnlyList<ZoomFieldError>? Errors = null);

/// <summary>Zoom's REST error shape: {"code", "message", "errors":[{"field","message"}]}.</summary>
internal static class ZoomErrors
{
    public static IResult Error(int statusCode, int code, string message, IReadOnlyList<ZoomFieldError>? errors = null) =>
        Results.Json(new ZoomErrorBody(code, message, errors), ZoomJsonContext.Default.ZoomErrorBody, statusCode: statusCode);

    public static IResult InvalidAccessToken() => Error(StatusCodes.Status401Unauthorized, 124, "Invalid access token");

    public static IResult InvalidJson() => Error(StatusCodes.Status400BadRequest, 300, "Request Body should be a valid JSON object.");

    public static IResult Validation(string field, string message = "Invalid field.") =>
        Error(StatusCodes.Status400BadRequest, 300, "Validation Failed.", [new ZoomFieldError(field, message)]);

    public static IResult UserNotFound(string userId) => Error(StatusCodes.Status404NotFound, 1001, $"User does not exist: {userId}.");

    public static IResult MeetingNotFound(string meetingId) =>
        Error(StatusCodes.Status404NotFound, 3001, $"Meeting does not exist: {meetingId}.");

    /// <summary>What an injected fault answers; 429 carries Zoom's rate-limit headers.</summary>
    public static IResult Fault(HttpContext http, int statusCode)
    {
        if (statusCode != StatusCodes.Status429TooManyRequests)
        {
            return Error(statusCode, statusCode, "Injected fault.");
        }

        var headers = http.Response.Headers;
        headers["X-RateLimit-Category"] = "Light";
        // A fault rule may name the limit (X-RateLimit-Type: Daily-limit); QPS otherwise.
        var daily = string.Equals(headers["X-RateLimit-Type"], "Daily-limit", StringComparison.OrdinalIgnoreCase);
        headers["X-RateLimit-Type"] = daily ? "Daily-limit" : "QPS";
        headers["X-RateLimit-Limit"] = daily ? "100" : "30";
        headers["X-RateLimit-Remaining"] = "0";
        return Error(statusCode, 429, daily
            ? "You have reached the maximum daily rate limit for this API."
            : "You have reached the maximum per-second rate limit for this API. Try again later.");
    }
}
