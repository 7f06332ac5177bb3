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
        // Public: any other method is a 405, not a redirect to the admin sign-in.
        endpoints.MapMethods("/zoom/webhooks", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete],
                (HttpContext context) =>
                {
                    context.Response.Headers.Allow = HttpMethods.Post;
                    return Problem(StatusCodes.Status405MethodNotAllowed, "Zoom webhooks are POSTed.");
                })
            .AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> Receive(HttpContext context, IMediator mediator, ILoggerFactory loggers, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        if (context.Request.ContentLength > MaxBodyBytes) return Problem(413, "Webhook bodies are limited to 256 KiB.");

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > MaxBodyBytes) return Problem(413, "Webhook bodies are limited to 256 KiB.");
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            return Problem(ex.StatusCode, "The request body could not be read.");
        }
        if (body.Length == 0) return Problem(400, "Empty body.");

        try
        {
            var receipt = await mediator.Send(new ReceiveZoomWebhookCommand(body,
                context.Request.Headers["x-zm-request-timestamp"].ToString(), context.Request.Headers["x-zm-signature"].ToString()), ct);
            return receipt.Kind == WebhookReceiptKind.UrlValidated ? Results.Json(receipt.ValidationResponse) : Results.NoContent();
        }
        catch (WebhookRejectedException ex)
        {
            // Anyone can post here: one line, no stack trace, nothing from the body.
            loggers.CreateLogger(typeof(ZoomWebhookEndpoint).FullName!).LogWarning("Zoom webhook refused with {StatusCode}: {Reason}", ex.StatusCode, ex.Message);
            return Problem(ex.StatusCode, ex.Message);
        }
    }

    private static IResult Problem(int status, string detail) => Results.Problem(statusCode: status, title: "Webhook refused", detail: detail);
}
