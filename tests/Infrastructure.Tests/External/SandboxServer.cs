using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External;
using EpicZoom.Sandbox;
using EpicZoom.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.Infrastructure.Tests.External;

/// <summary>
/// TestSupport's <see cref="SandboxHost"/> with two tenants' Zoom accounts, the SMART client's JWKS at /test-jwks
/// and a /fake/... endpoint a test can script; every request the server sees is recorded. <see cref="Services"/>
/// holds EpicZoom's clients, registered as the app registers them. One server per test, so faults and token caches
/// never leak between tests.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    public const string EpicClientId = "epiczoom-tests";
    public const string EpicClientSecret = "tests epic/secret+1";
    public const string KeyId = "tests-rsa-1";
    public const string ZoomAccountId = "tests-account";
    public const string ZoomClientId = "tests-zoom-client";
    public const string ZoomClientSecret = "tests-zoom-secret";
    public const string OtherZoomAccountId = "tests-other-account";
    public const string OtherZoomClientId = "tests-other-zoom-client";
    public const string OtherZoomClientSecret = "tests-other-zoom-secret";

    // RSA key generation is the slowest part of starting a server; one key serves the whole run.
    private static readonly Lazy<RSA> ClientKey = new(() => RSA.Create(2048));

    private readonly SandboxHost host;
    private readonly ServiceProvider services;
    private readonly FakeEndpoint fakeEndpoint;

    private SandboxServer(SandboxHost host, RequestLog requests, FakeEndpoint fake, TimeProvider time)
    {
        this.host = host;
        Requests = requests;
        fakeEndpoint = fake;
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(time)
            .AddExternalSystems()
            .BuildServiceProvider();
    }

    public string BaseUrl => host.BaseUrl;

    public string FhirBase => host.FhirBase;

    public string OAuthBase => host.OAuthBase;

    public string TokenUrl => host.TokenUrl;

    public string RedirectUri => host.RedirectUri;

    public string FakeBase => BaseUrl + "/fake";

    public static string PrivateKeyPem => ClientKey.Value.ExportPkcs8PrivateKeyPem();

    public static RSA ClientRsa => ClientKey.Value;

    /// <summary>Not following redirects, so a test can read where the simulators send the browser.</summary>
    public HttpClient Client => host.Client;

    public RequestLog Requests { get; }

    public IServiceProvider Services => services;

    public IZoomApi Zoom => services.GetRequiredService<IZoomApi>();

    public IEpicSmartClient Smart => services.GetRequiredService<IEpicSmartClient>();

    public IEpicFhirApi Fhir => services.GetRequiredService<IEpicFhirApi>();

    /// <summary>What /fake/{**path} answers.</summary>
    public Func<HttpContext, Task<IResult>> Fake
    {
        set => fakeEndpoint.Handler = value;
    }

    /// <summary><paramref name="time"/> is the clients' clock (retry waits, time budgets, token lifetimes); the simulators keep real time.</summary>
    public static async Task<SandboxServer> StartAsync(TimeProvider? time = null)
    {
        var requests = new RequestLog();
        var fake = new FakeEndpoint();
        Func<HttpContext, Task<IResult>> scripted = http => fake.Handler(http);
        var host = await SandboxHost.StartAsync(new SandboxHostSettings
        {
            Sandbox = options =>
            {
                options.ZoomAccounts.Add(new SandboxZoomAccount
                {
                    AccountId = ZoomAccountId, ClientId = ZoomClientId, ClientSecret = ZoomClientSecret, WebhookSecretToken = "tests-webhook-secret",
                });
                options.ZoomAccounts.Add(new SandboxZoomAccount
                {
                    AccountId = OtherZoomAccountId, ClientId = OtherZoomClientId, ClientSecret = OtherZoomClientSecret, WebhookSecretToken = "tests-other-secret",
                });
            },
            Middleware = requests.RecordAsync,
            Endpoints = endpoints =>
            {
                endpoints.MapGet("/test-jwks", () => Results.Text(Jwks(), "application/json"));
                endpoints.Map("/fake/{**path}", scripted);
            },
        });
        var server = new SandboxServer(host, requests, fake, time ?? TimeProvider.System);

        // Registered over the test API because the redirect and JWKS URLs need the port Kestrel just picked.
        using var registered = await server.Client.PostAsJsonAsync("/sandbox/epic/_test/clients", new
        {
            clientId = EpicClientId,
            clientSecret = EpicClientSecret,
            redirectUris = new[] { server.RedirectUri },
            jwksUrl = host.BaseUrl + "/test-jwks",
        });
        Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);
        return server;
    }

    public EpicClient EpicWithKey(string? oauthBase = null) =>
        new("tenant-a", EpicClientId, null, PrivateKeyPem, KeyId, FhirBase, oauthBase);

    public EpicClient EpicWithSecret(string secret = EpicClientSecret, string? oauthBase = null) =>
        new("tenant-a", EpicClientId, secret, null, null, FhirBase, oauthBase);

    public ZoomConnection ZoomTenant(string accountId = ZoomAccountId, string clientId = ZoomClientId, string secret = ZoomClientSecret) =>
        new("tenant-a", accountId, clientId, secret, SandboxDefaults.ZoomOAuthBase(BaseUrl), SandboxDefaults.ZoomApiBase(BaseUrl));

    public ZoomConnection OtherZoomTenant() =>
        new("tenant-b", OtherZoomAccountId, OtherZoomClientId, OtherZoomClientSecret, SandboxDefaults.ZoomOAuthBase(BaseUrl), SandboxDefaults.ZoomApiBase(BaseUrl));

    /// <summary>Hyperspace opening the FDI record: the launch simulator's redirect carries iss and launch.</summary>
    public async Task<(string Iss, string Launch)> LaunchAsync(string query)
    {
        using var response = await Client.GetAsync("/sandbox/epic/launch?" + query);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var redirect = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        return (redirect["iss"].ToString(), redirect["launch"].ToString());
    }

    /// <summary>Launch, then the authorize step as EpicZoom's launch endpoint sends the browser there; returns the code and PKCE verifier.</summary>
    public async Task<(string Code, string Verifier)> AuthorizeAsync(SmartEndpoints endpoints, string launchQuery = "type=provider")
    {
        var (iss, launch) = await LaunchAsync(launchQuery);
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var state = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var url = QueryHelpers.AddQueryString(endpoints.AuthorizeUrl, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = EpicClientId,
            ["redirect_uri"] = RedirectUri,
            ["scope"] = "launch openid fhirUser",
            ["launch"] = launch,
            ["aud"] = iss,
            ["state"] = state,
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });
        using var response = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var callback = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal(state, callback["state"].ToString());
        return (callback["code"].ToString(), verifier);
    }

    /// <summary>Makes the next <paramref name="failNext"/> matching requests fail; <paramref name="endpoint"/> is a fault name or a path prefix.</summary>
    public async Task AddFaultAsync(string simulator, string endpoint, int statusCode, int failNext)
    {
        using var response = await Client.PostAsJsonAsync($"/sandbox/{simulator}/_test/faults", new { endpoint, statusCode, failNext });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<List<JsonElement>> ZoomMeetingsAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>("/sandbox/zoom/_test/meetings")).EnumerateArray().ToList();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await host.DisposeAsync();
    }

    private static string Jwks()
    {
        var key = ClientKey.Value.ExportParameters(false);
        return JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", kid = KeyId, use = "sig", alg = "RS384", n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) } },
        });
    }

    private sealed class FakeEndpoint
    {
        public Func<HttpContext, Task<IResult>> Handler { get; set; } = _ => Task.FromResult(Results.NotFound());
    }
}

/// <summary>A request as the server saw it; the body only for forms and JSON.</summary>
public sealed record RecordedRequest(string Method, string Path, string? EpicClientId, string? AuthorizationScheme, string Body);

public sealed class RequestLog
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    public IReadOnlyList<RecordedRequest> All => requests.ToList();

    public int Count(string method, string path) =>
        requests.Count(r => r.Method == method && string.Equals(r.Path, path, StringComparison.Ordinal));

    public IReadOnlyList<RecordedRequest> To(string method, string path) =>
        requests.Where(r => r.Method == method && string.Equals(r.Path, path, StringComparison.Ordinal)).ToList();

    public void Clear() => requests.Clear();

    /// <summary>Records what the clients under test send; the tests' own calls to the sandbox's "_test" API are left out.</summary>
    public async Task RecordAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        if (request.Path.Value?.Contains("/_test/", StringComparison.Ordinal) == true)
        {
            await next(http);
            return;
        }

        var body = "";
        if (request.ContentLength is null or < 65_536 && (request.HasFormContentType || request.ContentType?.Contains("json", StringComparison.Ordinal) == true))
        {
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            body = await reader.ReadToEndAsync(http.RequestAborted);
            request.Body.Position = 0;
        }

        var authorization = request.Headers.Authorization.ToString();
        requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path.Value ?? "",
            request.Headers["Epic-Client-ID"].FirstOrDefault(),
            authorization.Length == 0 ? null : authorization.Split(' ')[0],
            body));
        await next(http);
    }
}

/// <summary>A fresh <see cref="SandboxServer"/> for every test.</summary>
public abstract class SandboxTest : IAsyncLifetime
{
    protected SandboxServer Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() => Sandbox = await SandboxServer.StartAsync();

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
