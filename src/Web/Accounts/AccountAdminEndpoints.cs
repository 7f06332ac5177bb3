using EpicZoom.Application.Accounts.ChangeLocalAccountRole;
using EpicZoom.Application.Accounts.CreateLocalAccount;
using EpicZoom.Application.Accounts.ListLocalAccounts;
using EpicZoom.Application.Accounts.SetLocalAccountDisabled;
using EpicZoom.Application.Common.Security;
using EpicZoom.Web.Common;
using MediatR;

namespace EpicZoom.Web.Accounts;

/// <summary>Admin API for the local accounts, as on the "Local accounts" page: Administrator only (policy here, role on each request).</summary>
internal static class AccountAdminEndpoints
{
    public sealed record CreateAccountBody(string? UserName, string? Role, string? InitialPassword);

    public sealed record RoleBody(string? Role);

    public static IEndpointRouteBuilder MapAccountAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/accounts").RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(AppRoles.Administrator));
        group.MapGet("/", async (IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new ListLocalAccountsQuery(), ct)));
        group.MapPost("/", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<CreateAccountBody>(http);
            if (problem is not null) return problem;
            await mediator.Send(new CreateLocalAccountCommand(body!.UserName?.Trim() ?? "", body.Role ?? "", body.InitialPassword ?? ""), ct);
            return Results.NoContent();
        });
        group.MapPut("/{id}/role", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<RoleBody>(http);
            if (problem is not null) return problem;
            await mediator.Send(new ChangeLocalAccountRoleCommand(id, body!.Role ?? ""), ct);
            return Results.NoContent();
        });
        group.MapPost("/{id}/disable", async (string id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new SetLocalAccountDisabledCommand(id, true), ct);
            return Results.NoContent();
        });
        group.MapPost("/{id}/enable", async (string id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new SetLocalAccountDisabledCommand(id, false), ct);
            return Results.NoContent();
        });
        return endpoints;
    }
}
