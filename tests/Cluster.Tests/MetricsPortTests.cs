using System.Net;
using System.Net.Http.Headers;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using EpicZoom.TestSupport;

namespace EpicZoom.Cluster.Tests;

/// <summary>
/// Telemetry:Prometheus:Port as an operator sets it (docs/observability.md): the published EpicZoom.Web.dll, run with
/// ASPNETCORE_URLS and Telemetry__Prometheus__Port in its environment, listens on the extra port and serves /metrics
/// there and only there.
/// </summary>
public sealed class MetricsPortTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new("epiczoom-metrics-port");
    private readonly int metricsPort = FreePort();
    private EpicZoomInstance app = null!;

    public async Task InitializeAsync()
    {
        app = new EpicZoomInstance("metrics-port", FreePort(), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["App__DataPath"] = folder.Path,
            ["Health__TenantProbes"] = "false",
            ["Telemetry__Prometheus__Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await app.StartAsync();
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task MetricsPort_IsListening_AndServesEpicZoomsMetricsWithOrWithoutABearerToken()
    {
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };

        // The queue gauges come from the first background round after start-up.
        var text = await Eventually.HoldsAsync(() => scraper.GetStringAsync("/metrics"), t => t.Contains("epiczoom_inbox_pending", StringComparison.Ordinal),
            "EpicZoom's gauges on the metrics port", TimeSpan.FromSeconds(30), describe: t => t[..Math.Min(t.Length, 300)]);
        Assert.Contains("# TYPE epiczoom_inbox_lag_seconds gauge", text);
        Assert.Contains("http_server_request_duration_seconds", text); // the main port's /health probes of StartAsync

        // No token is configured in this mode (the port is the guard): a scraper that sends one is served the same.
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "a-token-nobody-configured-0123");
        var response = await scraper.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("epiczoom_inbox_pending", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MetricsPort_ServesNothingElse_AndTheMainPortServesNoMetrics_EvenToLoopback()
    {
        using var scraper = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/metrics")).StatusCode);
        foreach (var path in new[] { "/", "/health", "/account/login", "/zoom/webhooks", "/metrics/x" })
            Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync(path)).StatusCode);

        var onMain = await app.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, onMain.StatusCode);
        Assert.DoesNotContain("epiczoom_", await onMain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task MetricsPort_ListensOnEveryInterface_AndAnswersAScraperThatIsNotLoopback()
    {
        // The loopback-only rule is for the main port without port or token; the metrics port is for a scraper on
        // another host (firewall it). This host's own non-loopback address stands in for that scraper.
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .First(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        using var remote = new HttpClient { BaseAddress = new Uri($"http://{address}:{metricsPort}") };

        var response = await remote.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("epiczoom_", await response.Content.ReadAsStringAsync());
        // The main address (ASPNETCORE_URLS=http://127.0.0.1:…) is still loopback only: not reachable there.
        using var main = new HttpClient { BaseAddress = new Uri($"http://{address}:{app.Port}") };
        await Assert.ThrowsAsync<HttpRequestException>(() => main.GetAsync("/health/live"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
