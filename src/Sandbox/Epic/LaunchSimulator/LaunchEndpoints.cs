using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace EpicZoom.Sandbox.Epic.LaunchSimulator;

/// <summary>Plays Hyperspace/MyChart opening an FDI record: stores the context, then sends the browser to EpicZoom.</summary>
internal static class LaunchEndpoints
{
    public static void MapLaunchSimulator(this IEndpointRouteBuilder simulated)
    {
        simulated.MapGet("/launch", Launch).WithFaultName("launch");
        simulated.MapGet("/", LaunchPage.Render).WithFaultName("pages");
        simulated.MapGet("/schedule", SchedulePage.Render).WithFaultName("pages");
    }

    private static IResult Launch(HttpContext http, SandboxUrls urls, LaunchScenario scenario, LaunchStore launches)
    {
        if (!LaunchTypes.TryParse(http.Request.Query["type"], out var type))
        {
            return Html.Error("Launch failed", "type must be provider, nurse, patient, zoomroom or devicetest.", StatusCodes.Status400BadRequest);
        }

        var context = scenario.Create(type, http.Request.Query);
        var token = launches.Add(context);
        return Results.Redirect(QueryHelpers.AddQueryString(
            $"{urls.EpicZoomBaseUrl}/epicfhir/{type.EpicZoomPath()}",
            [
                KeyValuePair.Create("org_id", (string?)context.OrgId),
                KeyValuePair.Create("iss", (string?)urls.EpicFhirBase),
                KeyValuePair.Create("launch", (string?)token),
            ]));
    }
}
