using EpicZoom.Application.Webhooks.ListWebhookEvents;
using EpicZoom.Application.Webhooks.ProcessWebhookEventAgain;
using MediatR;

namespace EpicZoom.Web.Webhooks;

/// <summary>Admin API (fallback policy: signed-in admin) for the webhook events that need attention, as on the "Webhook events" page.</summary>
internal static class WebhookEventEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEventEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/admin/webhook-events", async (IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListWebhookEventsQuery(), ct)));
        endpoints.MapPost("/api/admin/webhook-events/{id:guid}/process-again", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ProcessWebhookEventAgainCommand(id), ct);
            return Results.NoContent();
        });
        return endpoints;
    }
}
