using EpicZoom.Sandbox.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Sandbox.Faults;

/// <summary>Runs in front of every simulated endpoint, so any of them can be made slow or failing.</summary>
internal sealed class FaultEndpointFilter(Simulator simulator, Func<HttpContext, int, IResult> failure) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var registry = http.RequestServices.GetRequiredService<FaultRegistry>();
        var name = http.GetEndpoint()?.Metadata.GetMetadata<FaultName>()?.Name;
        var path = http.Request.PathBase.Add(http.Request.Path).Value ?? "";
        var decision = registry.Decide(simulator, name, path);
        if (decision is null)
        {
            return await next(context);
        }

        if (decision.DelayMs > 0)
        {
            var time = http.RequestServices.GetRequiredService<TimeProvider>();
            await Task.Delay(TimeSpan.FromMilliseconds(decision.DelayMs), time, http.RequestAborted);
        }

        if (decision.StatusCode is not { } status)
        {
            return await next(context);
        }

        if (status == StatusCodes.Status429TooManyRequests)
        {
            if (decision.RetryAfterSeconds >= 0)
            {
                http.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (decision.RateLimitType is { Length: > 0 } type)
            {
                http.Response.Headers["X-RateLimit-Type"] = type;
            }
        }

        return failure(http, status);
    }
}

internal static class FaultEndpointConventions
{
    /// <summary>Names the endpoints for fault rules ("token", "meetings", ...).</summary>
    public static TBuilder WithFaultName<TBuilder>(this TBuilder builder, string name)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new FaultName(name));

    public static RouteGroupBuilder WithFaults(this RouteGroupBuilder group, Simulator simulator, Func<HttpContext, int, IResult> failure)
    {
        group.AddEndpointFilter(new FaultEndpointFilter(simulator, failure));
        return group;
    }
}
