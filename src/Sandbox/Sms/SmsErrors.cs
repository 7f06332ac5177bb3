using Microsoft.AspNetCore.Http;

namespace EpicZoom.Sandbox.Sms;

internal sealed record TwilioErrorBody(int Code, string Message, string MoreInfo, int Status);

/// <summary>Twilio's REST error shape: {"code", "message", "more_info", "status"}.</summary>
internal static class SmsErrors
{
    public const int AuthenticateCode = 20003;
    public const int NotFoundCode = 20404;

    public static IResult Error(int statusCode, int code, string message) =>
        Results.Json(
            new TwilioErrorBody(code, message, $"https://www.twilio.com/docs/errors/{code}", statusCode),
            SmsJsonContext.Default.TwilioErrorBody,
            statusCode: statusCode);

    public static IResult Authenticate(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
        return Error(StatusCodes.Status401Unauthorized, AuthenticateCode, "Authenticate");
    }

    public static IResult NotFound(string resourcePath) =>
        Error(StatusCodes.Status404NotFound, NotFoundCode, $"The requested resource {resourcePath} was not found");

    /// <summary>What an injected fault answers: Twilio numbers its HTTP-level errors 20000 + status (20429, 20500, 20503).</summary>
    public static IResult Fault(HttpContext http, int statusCode) =>
        Error(statusCode, 20_000 + statusCode, $"Injected fault: HTTP {statusCode}.");
}
