using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace EpicZoom.Sandbox.Common;

/// <summary>
/// Reads request bodies with the simulator's own JSON contract rather than the host's JSON
/// options, which EpicZoom configures for itself.
/// </summary>
internal static class JsonBody
{
    /// <summary>The body, or null when it is empty or not valid JSON for <typeparamref name="T"/>.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
