using EpicZoom.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Common;

internal static class ResetEndpoint
{
    /// <summary>"_test/reset": forgets everything the simulator learnt at run time; configured registrations stay.</summary>
    public static void MapResetEndpoint(this IEndpointRouteBuilder testGroup, Simulator simulator) =>
        testGroup.MapPost("/reset", (IEnumerable<ISandboxState> states, FaultRegistry faults) =>
        {
            foreach (var state in states.Where(s => s.Simulator == simulator))
            {
                state.Reset();
            }

            faults.Clear(simulator);
            return Results.NoContent();
        });
}
