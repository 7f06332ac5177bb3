using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.Fhir;
using EpicZoom.Sandbox.Epic.LaunchSimulator;
using EpicZoom.Sandbox.Epic.Smart;
using EpicZoom.Sandbox.Epic.Telehealth;
using EpicZoom.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Epic;

/// <summary>Everything under /sandbox/epic: the simulated Epic endpoints and the "_test" API.</summary>
internal static class EpicEndpoints
{
    public static void MapEpicSimulator(this RouteGroupBuilder root)
    {
        var epic = root.MapGroup("/epic");

        // The recorder wraps the fault filter so faulted telehealth calls are recorded too.
        var simulated = epic.MapGroup("");
        simulated.AddEndpointFilter(TelehealthEndpoints.RecordCall);
        simulated.WithFaults(Simulator.Epic, (http, status) => FhirEndpoints.IsResourceRead(http)
            ? FhirEndpoints.Fault(status)
            : OAuthError.Json("sandbox_fault", $"Injected fault: HTTP {status}.", status));
        simulated.MapSmartEndpoints();
        simulated.MapFhirEndpoints();
        simulated.MapTelehealthEndpoints();
        simulated.MapLaunchSimulator();

        var test = epic.MapGroup("/_test");
        test.MapPost("/clients", async (HttpContext http, EpicClientRegistry clients) =>
        {
            var client = await JsonBody.ReadAsync(http.Request, SandboxJsonContext.Default.SandboxEpicClient);
            if (client is not { ClientId.Length: > 0 })
            {
                return SandboxJson.BadRequest("Send a SandboxEpicClient with a clientId.");
            }

            clients.Register(client);
            return Results.NoContent();
        });
        test.MapGet("/status-reports", (string? csn, TelehealthReportLog log) =>
            SandboxJson.Result(log.StatusReports(csn), SandboxJsonContext.Default.IReadOnlyListStatusReport));
        test.MapGet("/device-test-reports", (TelehealthReportLog log) =>
            SandboxJson.Result(log.DeviceTestReports(), SandboxJsonContext.Default.IReadOnlyListDeviceTestReport));
        test.MapFaultEndpoints(Simulator.Epic);
        test.MapResetEndpoint(Simulator.Epic);
    }
}
