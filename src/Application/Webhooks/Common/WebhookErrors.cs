using EpicZoom.Application.Common.Exceptions;

namespace EpicZoom.Application.Webhooks.Common;

/// <summary>
/// Why a Zoom webhook was refused before anything was stored (docs/errors.md). Zoom shows these in its app's logs.
/// Numbers are never reused: EZ-W004 and EZ-W008 (unknown or missing account_id) are retired, since such events are
/// accepted once a tenant's secret verifies.
/// </summary>
public static class WebhookErrors
{
    public static readonly AppError NotAnEvent = W(1, ErrorCategory.InvalidInput, "The body is not a Zoom event: expected a JSON object with an 'event' name.");
    public static readonly AppError StaleTimestamp = W(2, ErrorCategory.Unauthenticated, "Missing or stale x-zm-request-timestamp (more than 5 minutes off).");
    public static readonly AppError BadSignature = W(3, ErrorCategory.Unauthenticated, "The x-zm-signature does not match the body under any configured webhook secret token.");
    public static readonly AppError ValidationWithoutToken = W(5, ErrorCategory.InvalidInput, "endpoint.url_validation without payload.plainToken.");
    public static readonly AppError TooLarge = W(6, ErrorCategory.PayloadTooLarge, "Webhook bodies are limited to 256 KiB.");
    public static readonly AppError EmptyBody = W(7, ErrorCategory.InvalidInput, "The body is empty.");
    public static readonly AppError NotJson = W(9, ErrorCategory.UnsupportedMediaType, "Send the event as application/json.");
    public static readonly AppError NotStored = W(10, ErrorCategory.NotReady, "The event could not be stored just now and was not accepted; deliver it again.");

    private static AppError W(int number, ErrorCategory category, string message) => new($"EZ-W{number:000}", category, message);
}
