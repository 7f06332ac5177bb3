using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EpicZoom.Sandbox.Tests.Infrastructure;

/// <summary>Calls the Zoom simulator as EpicZoom's Zoom client would, with an S2S token.</summary>
internal sealed class ZoomApi(
    SandboxHost host,
    string accountId = SandboxDefaults.ZoomAccountId,
    string clientId = SandboxDefaults.ZoomClientId,
    string secret = SandboxDefaults.ZoomClientSecret)
{
    private string? token;

    public static async Task<HttpResponseMessage> RequestTokenAsync(
        SandboxHost host,
        string accountId = SandboxDefaults.ZoomAccountId,
        string clientId = SandboxDefaults.ZoomClientId,
        string secret = SandboxDefaults.ZoomClientSecret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/zoom/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "account_credentials", ["account_id"] = accountId }),
        };
        request.Headers.Authorization = SandboxHost.Basic(clientId, secret);
        return await host.Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        token ??= await TokenAsync();
        using var request = new HttpRequestMessage(method, "/sandbox/zoom/v2" + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await host.Client.SendAsync(request);
    }

    // The old loop made 500 fetches 20 ms apart: at least 10 s plus the fetches themselves, on a busy machine far more.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Webhook deliveries as the sandbox recorded them, once at least <paramref name="count"/> exist.</summary>
    public async Task<List<JsonElement>> DeliveriesAsync(string query, int count = 1)
    {
        return await Eventually.HoldsAsync(
            async () => (await host.Client.GetFromJsonAsync<JsonElement>("/sandbox/zoom/_test/webhook-deliveries" + query)).EnumerateArray().ToList(),
            deliveries => deliveries.Count >= count,
            $"{count} deliveries to be recorded for {query}",
            Patience,
            describe: deliveries => $"{deliveries.Count} recorded");
    }

    public async Task<JsonElement> CreateUserAsync(string email, string firstName = "Pat", string lastName = "Provider")
    {
        using var response = await SendAsync(HttpMethod.Post, "/users", new
        {
            action = "custCreate",
            user_info = new { email, type = 2, first_name = firstName, last_name = lastName },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> CreateMeetingAsync(string userId, object? settings = null, string topic = "Video visit")
    {
        using var response = await SendAsync(HttpMethod.Post, $"/users/{userId}/meetings", new
        {
            topic,
            type = 2,
            start_time = "2030-01-02T15:00:00Z",
            duration = 30,
            timezone = "UTC",
            password = "Pa55-w0rd",
            settings = settings ?? new { join_before_host = false, waiting_room = false },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A host user plus one of their meetings; returns the meeting.</summary>
    public async Task<(JsonElement Host, JsonElement Meeting)> HostWithMeetingAsync(object? settings = null)
    {
        var host = await CreateUserAsync($"dr.{Guid.NewGuid():N}@sandbox-hospital.example", "Dana", "Doctor");
        return (host, await CreateMeetingAsync(host.GetProperty("id").GetString()!, settings));
    }

    /// <summary>The test API's join: {"participantId", "state"}.</summary>
    public async Task<JsonElement> JoinAsync(long meetingId, object request)
    {
        using var response = await host.Client.PostAsJsonAsync($"/sandbox/zoom/_test/meetings/{meetingId}/join", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> TestActionAsync(long meetingId, string action, string participantId) =>
        host.Client.PostAsJsonAsync($"/sandbox/zoom/_test/meetings/{meetingId}/{action}", new { participantId });

    private async Task<string> TokenAsync()
    {
        using var response = await RequestTokenAsync(host, accountId, clientId, secret);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}
