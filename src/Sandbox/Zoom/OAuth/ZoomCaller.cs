using EpicZoom.Sandbox.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Sandbox.Zoom.OAuth;

/// <summary>The account whose token authorised this /v2 request; every lookup is scoped to it.</summary>
internal sealed record ZoomCaller(string AccountId)
{
    /// <summary>
    /// Set by <see cref="RequireAccessToken"/>, which runs before every /v2 handler. Not a bound
    /// parameter: minimal APIs bind parameters before filters run.
    /// </summary>
    public static ZoomCaller From(HttpContext http) => (ZoomCaller)http.Items[typeof(ZoomCaller)]!;

    public static async ValueTask<object?> RequireAccessToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tokens = http.RequestServices.GetRequiredService<ZoomTokenStore>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!AuthorizationHeader.TryGetBearer(http.Request.Headers.Authorization, out var token) || tokens.Find(token, now) is not { } grant)
        {
            return ZoomErrors.InvalidAccessToken();
        }

        http.Items[typeof(ZoomCaller)] = new ZoomCaller(grant.AccountId);
        return await next(context);
    }
}
