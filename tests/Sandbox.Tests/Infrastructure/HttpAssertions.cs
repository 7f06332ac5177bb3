using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EpicZoom.Sandbox.Tests.Infrastructure;

internal static class HttpAssertions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<JsonElement> JsonAsync(this HttpClient client, string path) => client.GetFromJsonAsync<JsonElement>(path);

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
