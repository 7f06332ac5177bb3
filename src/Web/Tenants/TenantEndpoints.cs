using EpicZoom.Application.Tenants.GetFdiRecords;
using EpicZoom.Application.Tenants.GetJwks;
using EpicZoom.Application.Tenants.GetTenant;
using EpicZoom.Application.Tenants.ListTenants;
using MediatR;

namespace EpicZoom.Web.Tenants;

internal static class TenantEndpoints
{
    public static IEndpointRouteBuilder MapTenantEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Public by design: Epic fetches a tenant's JWKS to verify EpicZoom's client assertions.
        endpoints.MapGet("/jwks/{orgId}", async (string orgId, IMediator mediator, CancellationToken ct) =>
                Results.Text(await mediator.Send(new GetJwksQuery(orgId), ct), "application/json"))
            .AllowAnonymous();

        // Admin API (fallback policy: signed-in admin).
        var admin = endpoints.MapGroup("/api/admin/tenants");
        admin.MapGet("/", async (string? search, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new ListTenantsQuery(search), ct)));
        admin.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new GetTenantQuery(id), ct)));
        admin.MapGet("/{id:guid}/fdi-records", async (Guid id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new GetFdiRecordsQuery(id), ct)));
        return endpoints;
    }
}
