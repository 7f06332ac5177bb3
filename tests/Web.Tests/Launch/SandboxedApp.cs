using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.CreateTenant;
using EpicZoom.Domain.Launch;
using EpicZoom.TestSupport;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests.Launch;

/// <summary>
/// EpicZoom with the sandbox on, on real Kestrel (loopback): EpicZoom reaches the Epic and Zoom simulators over real
/// HTTP, exactly as it would reach Epic and Zoom. Plays Epic and Zoom against TestSupport's <see cref="EpicZoomApp"/>.
/// One app per test class; tests keep apart by using their own CSNs.
/// </summary>
public sealed class SandboxedApp : IDisposable
{
    public SandboxedApp()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>With extra settings, e.g. Notifications:RetryWindow.</summary>
    internal SandboxedApp(IDictionary<string, string?> settings)
        : this(new EpicZoomApp(new EpicZoomAppOptions { Sandbox = true, Kestrel = true, Settings = settings }))
    {
        Task.Run(App.StartedAsync).GetAwaiter().GetResult();
    }

    /// <summary>Over an app already started (see <see cref="EpicZoomApp.StartAsync"/>), e.g. one on PostgreSQL.</summary>
    internal SandboxedApp(EpicZoomApp app)
    {
        App = app;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(App.ServerAddress) };
    }

    public EpicZoomApp App { get; }

    public HttpClient Http { get; }

    public string BaseUrl => App.ServerAddress;

    /// <summary>Plays Epic: the launch simulator's redirect, EpicZoom's launch, Epic's authorize, EpicZoom's callback. Returns the first response that leaves that chain.</summary>
    public async Task<HttpResponseMessage> LaunchAsync(string query)
    {
        var response = await Http.GetAsync($"/sandbox/epic/launch?{query}");
        for (var hops = 0; hops < 6 && response.StatusCode == HttpStatusCode.Redirect; hops++)
        {
            var next = new Uri(new Uri(BaseUrl), response.Headers.Location!);
            if (!IsLaunchChain(next)) return response;
            response = await Http.GetAsync(next);
        }
        return response;
    }

    public static bool IsLaunchChain(Uri uri) =>
        uri.AbsolutePath.StartsWith("/epicfhir/", StringComparison.Ordinal) || uri.AbsolutePath.StartsWith("/sandbox/epic/oauth2/", StringComparison.Ordinal);

    public async Task<JsonElement> MeetingsAsync()
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync("/sandbox/zoom/_test/meetings"));
        return doc.RootElement.Clone();
    }

    public async Task<JsonElement> ZoomPostAsync(string path, object body)
    {
        var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {response.StatusCode} {text}");
        if (text.Length == 0) return default;
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public async Task InjectFaultAsync(string system, object fault) =>
        (await Http.PostAsJsonAsync($"/sandbox/{system}/_test/faults", fault)).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync()
    {
        await Http.DeleteAsync("/sandbox/epic/_test/faults");
        await Http.DeleteAsync("/sandbox/zoom/_test/faults");
    }

    /// <summary>Reads a practitioner's e-mail from the Epic simulator's FHIR API, with a backend token of the sandbox client.</summary>
    public async Task<string> PractitionerEmailAsync(string practitionerId)
    {
        using var token = new HttpRequestMessage(HttpMethod.Post, "/sandbox/epic/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        token.Headers.Authorization = Basic(EpicZoom.Sandbox.SandboxDefaults.EpicClientId, EpicZoom.Sandbox.SandboxDefaults.EpicClientSecret);
        var accessToken = await AccessTokenAsync(token);
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/sandbox/epic/api/FHIR/R4/Practitioner/{practitionerId}");
        read.Headers.Authorization = new("Bearer", accessToken);
        using var practitioner = JsonDocument.Parse(await (await Http.SendAsync(read)).EnsureSuccessStatusCode().Content.ReadAsStringAsync());
        return practitioner.RootElement.GetProperty("telecom").EnumerateArray().First(t => t.GetProperty("system").GetString() == "email").GetProperty("value").GetString()!;
    }

    /// <summary>A Zoom REST call to the simulator as the sandbox account (S2S token first).</summary>
    public async Task<JsonElement> ZoomApiAsync(HttpMethod method, string path, object? body = null)
    {
        using var token = new HttpRequestMessage(HttpMethod.Post, $"/sandbox/zoom/oauth/token?grant_type=account_credentials&account_id={EpicZoom.Sandbox.SandboxDefaults.ZoomAccountId}");
        token.Headers.Authorization = Basic(EpicZoom.Sandbox.SandboxDefaults.ZoomClientId, EpicZoom.Sandbox.SandboxDefaults.ZoomClientSecret);
        using var call = new HttpRequestMessage(method, "/sandbox/zoom/v2" + path) { Content = body is null ? null : JsonContent.Create(body) };
        call.Headers.Authorization = new("Bearer", await AccessTokenAsync(token));
        var response = await Http.SendAsync(call);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {response.StatusCode} {text}");
        if (text.Length == 0) return default;
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Gives someone an existing Zoom user (as if they had their own account); returns its id.</summary>
    public async Task<string> CreateZoomUserAsync(string email) =>
        (await ZoomApiAsync(HttpMethod.Post, "/users", new { action = "custCreate", user_info = new { email, type = 2, first_name = "Own", last_name = "Account" } }))
            .GetProperty("id").GetString()!;

    private async Task<string> AccessTokenAsync(HttpRequestMessage tokenRequest)
    {
        var response = await Http.SendAsync(tokenRequest);
        using var doc = JsonDocument.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }

    private static System.Net.Http.Headers.AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}")));

    /// <summary>Follows the launch chain up to (not into) EpicZoom's callback and returns the callback URL Epic sent the browser to.</summary>
    public async Task<Uri> CallbackUrlAsync(string query)
    {
        var response = await Http.GetAsync($"/sandbox/epic/launch?{query}");
        for (var hops = 0; hops < 6 && response.StatusCode == HttpStatusCode.Redirect; hops++)
        {
            var next = new Uri(new Uri(BaseUrl), response.Headers.Location!);
            if (next.AbsolutePath == "/epicfhir/callback") return next;
            if (!IsLaunchChain(next)) break;
            response = await Http.GetAsync(next);
        }
        throw new InvalidOperationException($"The launch never reached the callback: {(int)response.StatusCode} {response.Headers.Location}");
    }

    /// <summary>Lets EpicZoom begin the launch and returns Epic's authorize URL it chose (with its state), without calling it.</summary>
    public async Task<Uri> AuthorizeUrlAsync(string query)
    {
        var launch = await Http.GetAsync($"/sandbox/epic/launch?{query}");
        var begin = await Http.GetAsync(launch.Headers.Location!);
        if (begin.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"EpicZoom did not begin the launch: {(int)begin.StatusCode} {await begin.Content.ReadAsStringAsync()}");
        return new Uri(new Uri(BaseUrl), begin.Headers.Location!);
    }

    /// <summary>The iss the simulator sends (the seeded tenant's FHIR base).</summary>
    public string EpicFhirBase => EpicZoom.Sandbox.SandboxDefaults.EpicFhirBase(PublicBaseUrl);

    /// <summary>The base URL EpicZoom calls itself (and seeded its tenant with).</summary>
    public string PublicBaseUrl => App.Services.GetRequiredService<IAppUrls>().PublicBaseUrl;

    /// <summary>Registers an extra SMART client in the Epic simulator, authenticating with a client secret.</summary>
    public async Task RegisterEpicClientAsync(string clientId, string secret) =>
        (await Http.PostAsJsonAsync("/sandbox/epic/_test/clients", new
        {
            clientId,
            clientSecret = secret,
            redirectUris = new[] { EpicZoom.Sandbox.SandboxDefaults.EpicRedirectUri(PublicBaseUrl) },
        })).EnsureSuccessStatusCode();

    /// <summary>
    /// Creates another tenant through the application (as the sandbox seed does, as a system admin): the sandbox
    /// tenant's settings without a signing key (so Epic client auth is the secret), changed by <paramref name="change"/>.
    /// </summary>
    public async Task<(Guid Id, string OrgId)> CreateTenantAsync(Action<TenantInput> change)
    {
        var input = EpicZoom.Web.Sandbox.SandboxTenantSeeder.Input(PublicBaseUrl);
        input.Name = "Test Health " + NewCsn();
        input.OrgId = "t" + NewCsn();
        input.SigningKeyAction = SigningKeyAction.Keep;
        change(input);
        var created = await SendAsAdminAsync(new CreateTenantCommand(input));
        return (created.Id, created.OrgId);
    }

    /// <summary>Sends a use case as a signed-in admin would, through the whole MediatR pipeline.</summary>
    public Task<T> SendAsAdminAsync<T>(IRequest<T> request) => App.SendAsAdminAsync(request);

    /// <summary>Reads EpicZoom's database in a fresh scope.</summary>
    public Task<T> DbAsync<T>(Func<IAppDbContext, Task<T>> query) => App.DbAsync(db => query(db));

    public Task<List<LaunchRecord>> LaunchRecordsAsync() => DbAsync(db => db.LaunchRecords.AsNoTracking().ToListAsync());

    public static string NewCsn() => Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Http.Dispose();
        App.Dispose();
    }
}
