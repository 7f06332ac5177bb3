using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EpicZoom.TestSupport;

/// <summary>
/// The whole EpicZoom web app on a fresh data folder (its own SQLite file and key ring), with the options the tests
/// need (<see cref="EpicZoomAppOptions"/>: the sandbox, real Kestrel, PostgreSQL, more settings). Every log line is
/// captured so tests can prove no secret is ever logged.
/// </summary>
public sealed partial class EpicZoomApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Correct-Horse-42-battery";
    private readonly Dictionary<string, string?> settings;
    private PostgresServer? postgres;
    private bool adminPasswordChanged;

    public EpicZoomApp(IDictionary<string, string?>? settings = null, bool kestrel = false)
        : this(new EpicZoomAppOptions { Settings = settings, Kestrel = kestrel })
    {
    }

    /// <summary>Builds the app (it starts on first use, or with <see cref="StartedAsync"/>); PostgreSQL is started here.</summary>
    public EpicZoomApp(EpicZoomAppOptions options)
    {
        Options = options;
        settings = new Dictionary<string, string?>(options.Settings ?? []);
        settings.TryAdd("App:DataPath", Data.Path);
        // The background probes of each tenant's Epic and Zoom would take faults and calls tests count; tests of them turn them on.
        settings.TryAdd("Health:TenantProbes", "false");
        if (options.Sandbox) settings["Sandbox:Enabled"] = "true";
        if (options.Postgres)
        {
            // WebApplicationFactory builds its host synchronously; the server has to exist before that.
            var server = Task.Run(() => PostgresServer.StartAsync(options.DurablePostgres)).GetAwaiter().GetResult();
            postgres = server;
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Default"] = Task.Run(() => server.CreateDatabaseAsync("app")).GetAwaiter().GetResult();
        }

        DataPath = settings["App:DataPath"]!;
        if (options.Kestrel && options.ExtraKestrel is { } extra)
        {
            // UseKestrel(port) makes Kestrel prefer that hosting URL and drop every endpoint set up in code, so an extra
            // endpoint needs the main one in code too: first (the app's own address is the first it listens on) and on
            // a port chosen here (the factory would report the last address as the server's).
            mainPort = FreeLoopbackPort();
            UseKestrel(k =>
            {
                k.Listen(IPAddress.Loopback, mainPort.Value);
                extra(k);
            });
        }
        else if (options.Kestrel)
        {
            UseKestrel(0);
        }
    }

    private readonly int? mainPort;

    public EpicZoomAppOptions Options { get; }

    /// <summary>A fresh folder per app; pass App:DataPath in the settings to restart on another app's data instead.</summary>
    public TempDirectory Data { get; } = new("epiczoom-app");

    public string DataPath { get; }

    public ConcurrentQueue<string> LogLines { get; } = new();

    public string SqliteFile => System.IO.Path.Combine(DataPath, "epiczoom.db");

    /// <summary>The app's database: the SQLite file, or the PostgreSQL database made for it.</summary>
    public string ConnectionString => settings.TryGetValue("ConnectionStrings:Default", out var configured) && configured is { Length: > 0 }
        ? configured
        : $"Data Source={SqliteFile}";

    /// <summary>The base address of the Kestrel server (only with kestrel: true).</summary>
    public string ServerAddress
    {
        get
        {
            StartServer();
            return mainPort is { } port ? $"http://127.0.0.1:{port}" : ClientOptions.BaseAddress.ToString().TrimEnd('/');
        }
    }

    public string InitialAdminPassword()
    {
        _ = Services; // starts the host, which creates the first admin
        var text = File.ReadAllText(System.IO.Path.Combine(DataPath, "initial-admin-password.txt"));
        return PasswordLine().Match(text).Groups[1].Value.Trim();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(new CapturingLoggerProvider(LogLines))));
        if (Options.ExtraServices is { } services) builder.ConfigureServices(services);
    }

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(ServerAddress + "/") });

    /// <summary>Signs in as the first-run admin through the real forms, choosing <see cref="AdminPassword"/> on first use.</summary>
    public async Task<HttpClient> SignedInAdminAsync()
    {
        var client = CreateBrowserlessClient();
        var password = adminPasswordChanged ? AdminPassword : InitialAdminPassword();
        var login = await PostFormAsync(client, "/account/login", "/account/login",
            new() { ["userName"] = "admin", ["password"] = password, ["returnUrl"] = "/tenants" });
        if (login.StatusCode != HttpStatusCode.Redirect || login.Headers.Location?.OriginalString.Contains("error") == true)
            throw new InvalidOperationException($"Sign-in failed: {login.StatusCode} {login.Headers.Location}");
        if (!adminPasswordChanged)
        {
            var change = await PostFormAsync(client, "/account/change-password", "/account/change-password",
                new() { ["currentPassword"] = password, ["newPassword"] = AdminPassword, ["confirmPassword"] = AdminPassword });
            if (change.Headers.Location?.OriginalString.Contains("error") != false)
                throw new InvalidOperationException($"Password change failed: {change.Headers.Location}");
            adminPasswordChanged = true;
        }
        return client;
    }

    /// <summary>Posts a form the way a browser does: antiforgery token from the page, cookies kept by the client.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pageUrl);
        var token = AntiforgeryField().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {pageUrl}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        // WebApplicationFactory's Dispose runs its DisposeAsync, which calls Dispose(true) again: stop the server once.
        if (Interlocked.Exchange(ref postgres, null) is { } server) Task.Run(() => server.DisposeAsync().AsTask()).GetAwaiter().GetResult();
        Data.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("password: (.+)")]
    private static partial Regex PasswordLine();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
