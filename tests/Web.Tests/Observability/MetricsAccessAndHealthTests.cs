using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using EpicZoom.TestSupport;

namespace EpicZoom.Web.Tests.Observability;

/// <summary>Who may read /metrics (keys14: own port, bearer token, or loopback only), and what /health/live and /health/ready answer.</summary>
public sealed class MetricsAccessAndHealthTests
{
    [Fact]
    public async Task Metrics_WithAToken_RefusesMissingAndWrongTokens_AndServesTheRightOne()
    {
        using var app = new EpicZoomApp(new Dictionary<string, string?> { ["Telemetry:Prometheus:Token"] = TelemetryTests.MetricsToken });
        var client = app.CreateBrowserlessClient();

        var none = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, "/metrics", TelemetryTests.MetricsToken + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, "/metrics", "")).StatusCode);

        var ok = await GetAsync(client, "/metrics", TelemetryTests.MetricsToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var text = await ok.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE", text);
        Assert.DoesNotContain(TelemetryTests.MetricsToken, text);
    }

    [Fact]
    public async Task Metrics_WithNeitherPortNorToken_AreServedToLoopbackCallersOnly()
    {
        using var app = new EpicZoomApp(kestrel: true);
        using var loopback = new HttpClient { BaseAddress = new Uri(app.ServerAddress) };
        var response = await loopback.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE", await response.Content.ReadAsStringAsync());

        // The in-memory test server has no remote address: not provably loopback, so refused like a remote caller.
        using var inMemory = new EpicZoomApp();
        Assert.Equal(HttpStatusCode.NotFound, (await inMemory.CreateBrowserlessClient().GetAsync("/metrics")).StatusCode);
    }

    [Theory]
    [InlineData(9464, 9464, null, null)]
    [InlineData(9464, 8080, null, 404)]
    [InlineData(null, 8080, "Bearer " + TelemetryTests.MetricsToken, null)]
    [InlineData(null, 8080, "Bearer wrong-token-of-some-length", 401)]
    [InlineData(null, 8080, "Basic " + TelemetryTests.MetricsToken, 401)]
    [InlineData(null, 8080, null, 401)]
    public void Metrics_OnTheirOwnPort_AreServedOnlyThere_AndATokenGuardsTheMainPort(int? metricsPort, int localPort, string? authorization, int? refusal)
    {
        var options = new EpicZoom.Web.Observability.TelemetryOptions.PrometheusOptions
        {
            Port = metricsPort,
            Token = metricsPort is null ? TelemetryTests.MetricsToken : null,
        };
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.LocalPort = localPort;
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        if (authorization is not null) context.Request.Headers.Authorization = authorization;

        Assert.Equal(refusal, EpicZoom.Web.Observability.MetricsEndpoint.Refusal(context, options));
    }

    [Fact]
    public void Telemetry_BadSettings_StopTheHostWithMessagesNamingTheKeys()
    {
        using var app = new EpicZoomApp(new Dictionary<string, string?>
        {
            ["Telemetry:Otlp:Endpoint"] = "not a url",
            ["Telemetry:Otlp:Protocol"] = "carrier-pigeon",
            ["Telemetry:Prometheus:Token"] = "short",
        });
        var failure = Assert.ThrowsAny<Exception>(() => app.Services);
        var message = failure.ToString();
        Assert.Contains("Telemetry:Otlp:Endpoint", message);
        Assert.Contains("Telemetry:Otlp:Protocol", message);
        Assert.Contains("Telemetry:Prometheus:Token", message);
    }

    [Fact]
    public async Task Health_LiveAndReady_AnswerAnonymouslyWithJson_ReadyListsDatabaseMigrationsAndKeyRing()
    {
        using var app = new EpicZoomApp();
        var client = app.CreateBrowserlessClient();

        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", (await JsonAsync(live)).GetProperty("status").GetString());

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var json = await JsonAsync(ready);
        var checks = json.GetProperty("checks");
        foreach (var name in new[] { "database", "migrations", "key-ring", "tenants" })
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        Assert.DoesNotContain(app.DataPath, json.GetRawText());
    }

    [Fact]
    public async Task Health_WhenTheDatabaseGoesDown_ReadyAnswers503_AndLiveStays200()
    {
        var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync("health");
        using var app = new EpicZoomApp(new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Default"] = connectionString });
        var client = app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await server.DisposeAsync();

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var json = await JsonAsync(ready);
        Assert.Equal("Unhealthy", json.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", json.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.DoesNotContain("Host=", json.GetRawText());
        Assert.DoesNotContain("127.0.0.1", json.GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
