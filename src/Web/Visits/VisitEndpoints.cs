using EpicZoom.Application.Visits.ListVisits;
using EpicZoom.Application.ZoomAccounts.DeleteZoomAccount;
using EpicZoom.Application.ZoomAccounts.ListZoomAccounts;
using MediatR;

namespace EpicZoom.Web.Visits;

/// <summary>Admin API (fallback policy: signed-in admin) for visits and the Zoom accounts behind them.</summary>
internal static class VisitEndpoints
{
    public static IEndpointRouteBuilder MapVisitEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/admin/visits", async (string? csn, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListVisitsQuery(csn), ct)));
        endpoints.MapGet("/api/admin/zoom-accounts", async (IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListZoomAccountsQuery(), ct)));
        endpoints.MapDelete("/api/admin/zoom-accounts/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeleteZoomAccountCommand(id), ct);
            return Results.NoContent();
        });
        return endpoints;
    }
}
