using EpicZoom.Sandbox.Epic;
using EpicZoom.Sandbox.Zoom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox;

public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>Maps /sandbox/epic/... and /sandbox/zoom/...</summary>
    public static IEndpointRouteBuilder MapEpicZoomSandbox(this IEndpointRouteBuilder endpoints)
    {
        // Callers of the simulated services authenticate the way Epic and Zoom expect, never with
        // the host's cookies or antiforgery tokens, so the host's policies must not apply here.
        var sandbox = endpoints.MapGroup("/sandbox").AllowAnonymous().DisableAntiforgery();
        sandbox.MapEpicSimulator();
        sandbox.MapZoomSimulator();
        return endpoints;
    }
}
