using System.Net;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;
using Refit;

namespace EpicZoom.Infrastructure.External.Zoom;

/// <summary>Zoom's error vocabulary (shared/spec/zoom.md): the codes EpicZoom acts on, and how an answer becomes an exception.</summary>
internal static class ZoomErrors
{
    public const int UserNotFound = 1001;
    public const int EmailTaken = 1005;
    public const int MeetingNotFound = 3001;

    /// <summary>401 "Invalid access token": revoked, or the app's credentials were rotated.</summary>
    public const int InvalidAccessToken = 124;

    public static ZoomErrorJson? Parse(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, ZoomJsonContext.Default.ZoomErrorJson);
        }
        catch (JsonException)
        {
            // Not Zoom's error shape (a proxy's HTML page, a wrong base URL): the status code says enough.
            return null;
        }
    }

    /// <summary>The exception for a failed REST call; its <see cref="ZoomFailure"/> is read from Zoom's status and code here, once.</summary>
    public static ZoomApiException From(IApiResponse response, string operation, TimeProvider time)
    {
        var status = (int)response.Status();
        var error = Parse(response.ErrorBody());
        var rateLimited = response.Status() == HttpStatusCode.TooManyRequests;
        return new ZoomApiException(
            status,
            error?.Code,
            error?.Message is { Length: > 0 } message ? message : $"Zoom answered {operation} with HTTP {status}.",
            FailureOf(response.Status(), error?.Code))
        {
            RetryAfter = rateLimited ? ExternalResilience.RetryAfter(response.Headers, time) : null,
            RateLimitType = rateLimited ? ExternalResilience.RateLimitTypeOf(response.Headers) : null,
        };
    }

    public static ZoomFailure FailureOf(HttpStatusCode status, int? code) => (status, code) switch
    {
        (_, EmailTaken) or (HttpStatusCode.Conflict, _) => ZoomFailure.EmailTaken,
        (HttpStatusCode.Unauthorized, _) or (_, InvalidAccessToken) => ZoomFailure.AuthenticationFailed,
        (HttpStatusCode.TooManyRequests, _) => ZoomFailure.RateLimited,
        _ => ZoomFailure.Refused,
    };

    public static ZoomApiException Unreadable(IApiResponse response, string operation) =>
        new((int)response.Status(), null, $"Zoom answered {operation} with a body EpicZoom cannot read.", ZoomFailure.Unreadable);

    /// <summary>Transport failures and a spent time budget: Zoom did not answer, whatever it may have done.</summary>
    public static ZoomUnavailableException Unavailable(Exception ex, string operation) => ex is TimeoutException
        ? new ZoomUnavailableException(ex.Message, timedOut: true, ex)
        : new ZoomUnavailableException($"Zoom could not be reached ({operation}).", timedOut: false, ex);
}
