using EpicZoom.Application.Common.Diagnostics;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Webhooks.Common;
using EpicZoom.Application.Webhooks.ReceiveZoomWebhook;
using MediatR;
using Microsoft.AspNetCore.Http.Features;

namespace EpicZoom.Web.Webhooks;

/// <summary>
/// POST /zoom/webhooks. Reads the raw body (the signature covers the bytes as sent), answers within milliseconds,
/// and leaves processing to the background: Zoom gives up on a receiver that takes more than 3 s.
/// </summary>
internal static class ZoomWebhookEndpoint
{
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapZoomWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/zoom/webhooks", Receive).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> Receive(HttpContext context, IMediator mediator, EpicZoomMetrics metrics, CancellationToken ct)
    {
        byte[] body;
        try
        {
            body = await ReadBodyAsync(context, ct);
        }
        catch (AppException ex)
        {
            // Refusals inside the handler (signature, timestamp...) are counted there.
            metrics.WebhookRefused(ex.Code);
            throw;
        }

        var receipt = await mediator.Send(new ReceiveZoomWebhookCommand(body,
            context.Request.Headers["x-zm-request-timestamp"].ToString(), context.Request.Headers["x-zm-signature"].ToString()), ct);
        return receipt is { Kind: WebhookReceiptKind.UrlValidated, ValidationResponse: { } answer }
            ? Results.Json(answer, WebhookJsonContext.Default.UrlValidationAnswer)
            : Results.NoContent();
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        if (context.Request.ContentLength > MaxBodyBytes) throw new AppException(WebhookErrors.TooLarge);
        // Zoom posts JSON; a form or anything else is not Zoom (a missing type is let through: the body decides).
        if (context.Request.ContentType is { Length: > 0 } type && !IsJson(type)) throw new AppException(WebhookErrors.NotJson);

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > MaxBodyBytes) throw new AppException(WebhookErrors.TooLarge);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new AppException(WebhookErrors.TooLarge);
        }
        if (body.Length == 0) throw new AppException(WebhookErrors.EmptyBody);
        return body;
    }

    private static bool IsJson(string contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
