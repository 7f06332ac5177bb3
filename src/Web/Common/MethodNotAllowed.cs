namespace EpicZoom.Web.Common;

/// <summary>
/// A known path with a wrong method (GET /zoom/webhooks, HEAD /epicfhir/…) or a body of the wrong type (a form posted
/// to a JSON endpoint) is routed to one of ASP.NET Core's 405/415 endpoints, which carry no metadata, so the admin-only
/// fallback policy would answer it with a redirect to the sign-in page: a useless answer for Zoom, Epic or a patient's
/// browser. Answered here, before authentication, with the status, the Allow header for a 405, and a ProblemDetails body.
/// </summary>
internal static class MethodNotAllowed
{
    // Microsoft.AspNetCore.Routing.Matching.HttpMethodMatcherPolicy and AcceptsMatcherPolicy (both internal).
    private const string Http405EndpointDisplayName = "405 HTTP Method Not Supported";
    private const string Http415EndpointDisplayName = "415 HTTP Unsupported Media Type";

    public static IApplicationBuilder UseMethodNotAllowedAnswers(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var endpoint = context.GetEndpoint();
        var title = endpoint?.DisplayName switch
        {
            Http405EndpointDisplayName => "Method not allowed.",
            Http415EndpointDisplayName => "Unsupported media type.",
            _ => null,
        };
        if (title is null || endpoint!.RequestDelegate is null)
        {
            await next();
            return;
        }
        await endpoint.RequestDelegate(context); // sets the status (and Allow for a 405)
        var allowed = context.Response.Headers.Allow.ToString();
        var detail = context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? "Send the body as application/json."
            : string.IsNullOrEmpty(allowed) ? null : $"This address takes {allowed}.";
        await Results.Problem(statusCode: context.Response.StatusCode, title: title, detail: detail).ExecuteAsync(context);
    });
}
