using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.CreateTenant;
using EpicZoom.Application.Tenants.DeleteTenant;
using EpicZoom.Application.Tenants.GetFdiRecords;
using EpicZoom.Application.Tenants.GetJwks;
using EpicZoom.Application.Tenants.GetTenant;
using EpicZoom.Application.Tenants.ListTenants;
using EpicZoom.Application.Tenants.UpdateTenant;
using EpicZoom.Web.Common;
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

        // Admin API for automation (fallback policy: signed-in admin). JSON bodies are size-capped by Kestrel's
        // defaults and read by JsonBody: bad input is a 400 naming the field, a form or other non-JSON body a 415.
        var admin = endpoints.MapGroup("/api/admin/tenants");
        admin.MapGet("/", async (string? search, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new ListTenantsQuery(search), ct)));
        admin.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new GetTenantQuery(id), ct)));
        admin.MapGet("/{id:guid}/fdi-records", async (Guid id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new GetFdiRecordsQuery(id), ct)));
        admin.MapPost("/", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<TenantInput>(http);
            if (problem is not null) return problem;
            var created = await mediator.Send(new CreateTenantCommand(input!), ct);
            return Results.Created($"/api/admin/tenants/{created.Id}", created);
        });
        admin.MapPut("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var (input, problem) = await JsonBody.ReadAsync<TenantInput>(http);
            if (problem is not null) return problem;
            await mediator.Send(new UpdateTenantCommand(id, input!), ct);
            return Results.NoContent();
        });
        admin.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeleteTenantCommand(id), ct);
            return Results.NoContent();
        });

        return endpoints;
    }
}
