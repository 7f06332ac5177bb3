using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Sandbox.Tests.Infrastructure;

/// <summary>
/// The sandbox on real Kestrel at a free loopback port, plus what EpicZoom would serve next to
/// it: the client's JWKS at /jwks/sandbox, a webhook receiver at /zoom/webhooks, and Twilio-style
/// receivers for SMS replies at /sms/inbound/sandbox and status callbacks at /sms/status.
/// One host per test keeps faults, resets and webhooks from leaking between tests.
/// </summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private SandboxHost(WebApplication app, string baseUrl, TestKeys keys, WebhookReceiver webhooks, SmsWebhookReceiver smsWebhooks)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Keys = keys;
        Webhooks = webhooks;
        SmsWebhooks = smsWebhooks;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
    }

    public string BaseUrl { get; }

    public string FhirBase => SandboxDefaults.EpicFhirBase(BaseUrl);

    public string TokenUrl => SandboxDefaults.EpicOAuthBase(BaseUrl) + "/token";

    public string RedirectUri => BaseUrl + "/epicfhir/callback";

    public HttpClient Client { get; }

    public TestKeys Keys { get; }

    public WebhookReceiver Webhooks { get; }

    public SmsWebhookReceiver SmsWebhooks { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<SandboxHost> StartAsync(Action<SandboxOptions>? configure = null, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddEpicZoomSandbox(builder.Configuration);
        builder.Services.Configure<SandboxOptions>(options =>
        {
            // Zoom's +5/+20/+60 minute retries become +100/+400/+1200 ms.
            options.WebhookRetryUnit = TimeSpan.FromMilliseconds(20);
            options.FaultRandomSeed = 42;
            configure?.Invoke(options);
        });

        var keys = TestKeys.Shared;
        var webhooks = new WebhookReceiver(SandboxDefaults.ZoomWebhookSecretToken);
        var smsWebhooks = new SmsWebhookReceiver(SandboxDefaults.SmsAuthToken);
        var app = builder.Build();
        app.MapEpicZoomSandbox();
        app.MapGet("/jwks/sandbox", () => Results.Text(keys.JwksJson, "application/json"));
        app.MapPost("/zoom/webhooks", (HttpRequest request) => webhooks.HandleAsync(request));
        app.MapPost("/other/webhooks", (HttpRequest request) => webhooks.HandleAsync(request));
        app.MapPost("/sms/inbound/sandbox", (HttpRequest request) => smsWebhooks.HandleAsync(request));
        app.MapPost("/sms/status", (HttpRequest request) => smsWebhooks.HandleAsync(request));
        app.MapPost("/other/sms/inbound", (HttpRequest request) => smsWebhooks.HandleAsync(request));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxHost(app, address.TrimEnd('/'), keys, webhooks, smsWebhooks);
    }

    public T Service<T>()
        where T : notnull => app.Services.GetRequiredService<T>();

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
