using System.Net.Http.Headers;
using System.Text;
using EpicZoom.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EpicZoom.TestSupport;

/// <summary>How a <see cref="SandboxHost"/> is set up; every part is optional.</summary>
public sealed record SandboxHostSettings
{
    /// <summary>Changes the simulators' options after the test defaults (fault seed 42, Zoom's retry minutes as 20 ms units).</summary>
    public Action<SandboxOptions>? Sandbox { get; init; }

    /// <summary>The simulators' clock (e.g. a <see cref="FakeClock"/>); the system clock when null.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Runs before the simulators on every request (e.g. a request recorder).</summary>
    public Func<HttpContext, RequestDelegate, Task>? Middleware { get; init; }

    /// <summary>More endpoints beside the simulators, for what a test plays itself.</summary>
    public Action<IEndpointRouteBuilder>? Endpoints { get; init; }
}

/// <summary>
/// The sandbox alone (the Epic, Zoom and SMS simulators) on real Kestrel at a free loopback port, plus what EpicZoom
/// would serve next to it: the client's JWKS at /jwks/sandbox, a webhook receiver at /zoom/webhooks, and Twilio-style
/// receivers for SMS replies at /sms/inbound/sandbox and status callbacks at /sms/status.
/// One host per test keeps faults, resets and webhooks from leaking between tests.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
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

    public string OAuthBase => SandboxDefaults.EpicOAuthBase(BaseUrl);

    public string TokenUrl => OAuthBase + "/token";

    public string RedirectUri => SandboxDefaults.EpicRedirectUri(BaseUrl);

    /// <summary>Not following redirects, so a test can read where the simulators send the browser.</summary>
    public HttpClient Client { get; }

    public TestKeys Keys { get; }

    public WebhookReceiver Webhooks { get; }

    public SmsWebhookReceiver SmsWebhooks { get; }

    public IServiceProvider Services => app.Services;

    public static Task<SandboxHost> StartAsync(Action<SandboxOptions>? configure = null, TimeProvider? time = null) =>
        StartAsync(new SandboxHostSettings { Sandbox = configure, Time = time });

    public static async Task<SandboxHost> StartAsync(SandboxHostSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (settings.Time is not null)
        {
            builder.Services.AddSingleton(settings.Time);
        }

        builder.Services.AddEpicZoomSandbox(builder.Configuration);
        builder.Services.Configure<SandboxOptions>(options =>
        {
            // Zoom's +5/+20/+60 minute retries become +100/+400/+1200 ms.
            options.WebhookRetryUnit = TimeSpan.FromMilliseconds(20);
            options.FaultRandomSeed = 42;
            settings.Sandbox?.Invoke(options);
        });

        var keys = TestKeys.Shared;
        var webhooks = new WebhookReceiver(SandboxDefaults.ZoomWebhookSecretToken);
        var smsWebhooks = new SmsWebhookReceiver(SandboxDefaults.SmsAuthToken);
        var app = builder.Build();
        if (settings.Middleware is { } middleware)
        {
            app.Use(middleware);
        }

        app.MapEpicZoomSandbox();
        app.MapGet("/jwks/sandbox", () => Results.Text(keys.JwksJson, "application/json"));
        app.MapPost("/zoom/webhooks", (HttpRequest request) => webhooks.HandleAsync(request));
        app.MapPost("/other/webhooks", (HttpRequest request) => webhooks.HandleAsync(request));
        app.MapPost("/sms/inbound/sandbox", (HttpRequest request) => smsWebhooks.HandleAsync(request));
        app.MapPost("/sms/status", (HttpRequest request) => smsWebhooks.HandleAsync(request));
        app.MapPost("/other/sms/inbound", (HttpRequest request) => smsWebhooks.HandleAsync(request));
        settings.Endpoints?.Invoke(app);
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
