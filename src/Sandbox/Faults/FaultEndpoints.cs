using EpicZoom.Sandbox.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Faults;

/// <summary>The "_test/faults" API of one simulator.</summary>
internal static class FaultEndpoints
{
    public static void MapFaultEndpoints(this IEndpointRouteBuilder testGroup, Simulator simulator)
    {
        testGroup.MapPost("/faults", async (HttpContext http, FaultRegistry registry) =>
        {
            var request = await JsonBody.ReadAsync(http.Request, SandboxJsonContext.Default.FaultRequest);
            var problem = request is null ? "body must be a JSON object" : Validate(request);
            return problem is null
                ? SandboxJson.Result(registry.Add(simulator, request!), SandboxJsonContext.Default.FaultRule, StatusCodes.Status201Created)
                : SandboxJson.BadRequest(problem);
        });
        testGroup.MapGet("/faults", (FaultRegistry registry) =>
            SandboxJson.Result(registry.List(simulator), SandboxJsonContext.Default.IReadOnlyListFaultRule));
        testGroup.MapDelete("/faults", (FaultRegistry registry) =>
        {
            registry.Clear(simulator);
            return Results.NoContent();
        });
    }

    private static string? Validate(FaultRequest request) => request switch
    {
        { Endpoint: null or "" } => "endpoint is required (a fault name like 'token' or a path prefix like '/sandbox/zoom/v2/users')",
        { StatusCode: < 100 or > 599 } => "statusCode must be an HTTP status code",
        { RetryAfterSeconds: < -1 or > 86_400 } => "retryAfterSeconds must be between -1 (none) and 86400",
        { StatusCode: null, DelayMs: null or 0 } => "give a statusCode, a delayMs, or both",
        { DelayMs: < 0 or > 60_000 } => "delayMs must be between 0 and 60000",
        { FailNext: < 1 } => "failNext must be at least 1",
        { FailRatio: < 0 or > 1 } => "failRatio must be between 0 and 1",
        _ => null,
    };
}
