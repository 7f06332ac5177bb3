using EpicZoom.Sandbox.Email;
using EpicZoom.Sandbox.Epic;
using EpicZoom.Sandbox.Oidc;
using EpicZoom.Sandbox.Sms;
using EpicZoom.Sandbox.Zoom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox;

public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>Maps /sandbox/epic/..., /sandbox/zoom/..., /sandbox/sms/..., /sandbox/email/..., /sandbox/oidc/... and the alert sink /sandbox/alerts/...</summary>
    public static IEndpointRouteBuilder MapEpicZoomSandbox(this IEndpointRouteBuilder endpoints)
    {
        // Callers of the simulated services authenticate the way Epic, Zoom and Twilio expect, never with
        // the host's cookies or antiforgery tokens, so the host's policies must not apply here.
        var sandbox = endpoints.MapGroup("/sandbox").AllowAnonymous().DisableAntiforgery();
        sandbox.MapEpicSimulator();
        sandbox.MapZoomSimulator();
        sandbox.MapSmsSimulator();
        sandbox.MapEmailSimulator();
        Alerts.AlertSink.MapAlertSink(sandbox);
        sandbox.MapOidcProvider();
        return endpoints;
    }
}
