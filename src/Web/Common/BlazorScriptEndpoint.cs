using System.Reflection;

namespace EpicZoom.Web.Common;

/// <summary>
/// Serves blazor.web.js from this assembly (see BlazorScript.targets): the registry here lacks the .NET 10 package
/// that normally carries it. Built with -p:UseOfficialBlazorAssets=true, the framework serves it and this maps nothing.
/// </summary>
internal static class BlazorScriptEndpoint
{
    private const string ResourceName = "EpicZoom.Web.blazor.web.js";

    public static IEndpointRouteBuilder MapBlazorScript(this IEndpointRouteBuilder endpoints)
    {
#if EMBEDDED_BLAZOR_SCRIPT
        var script = ReadScript();
        endpoints.MapGet("/_framework/blazor.web.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(script, "text/javascript");
        }).AllowAnonymous().ExcludeFromDescription();
#endif
        return endpoints;
    }

    private static byte[] ReadScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing; rebuild EpicZoom.Web.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
