using System.Net;
using System.Security.Claims;
using EpicZoom.Application.Common.Security;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using MediatR;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Benchmarks.Common;

/// <summary>
/// EpicZoom with the sandbox on, on real Kestrel (loopback), on SQLite (a file in a fresh data folder) or on a
/// throwaway PostgreSQL server (<see cref="PostgresServer"/>: initdb in a temp folder, fsync off). The benchmark
/// reaches it over loopback HTTP as Epic and Zoom would, and EpicZoom reaches the simulators the same way.
/// </summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    private readonly PostgresServer? postgres;
    private readonly string? dataFolder;

    private SandboxHost(EpicZoomApp app, DatabaseProvider provider, PostgresServer? postgres, string? connectionString, string? dataFolder)
    {
        App = app;
        Provider = provider;
        this.postgres = postgres;
        ConnectionString = connectionString ?? $"Data Source={app.SqliteFile}";
        this.dataFolder = dataFolder;
        BaseUrl = app.ServerAddress;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(BaseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public EpicZoomApp App { get; }

    public DatabaseProvider Provider { get; }

    /// <summary>EpicZoom's database: the SQLite file, or the PostgreSQL database made for this run.</summary>
    public string ConnectionString { get; }

    public string BaseUrl { get; }

    /// <summary>No redirects followed, no cookies: plays Epic, Zoom and the browser by hand.</summary>
    public HttpClient Http { get; }

    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite (WAL) under {Path.GetDirectoryName(App.SqliteFile)}"
        : "PostgreSQL " + PostgresVersion() + " (throwaway server from TestSupport's PostgresServer: fsync=off, synchronous_commit=off, full_page_writes=off; defaults otherwise)";

    /// <summary>
    /// Starts EpicZoom with the sandbox on Kestrel and waits until the sandbox tenant is seeded. For PostgreSQL a
    /// throwaway server is started first and removed on dispose. <paramref name="dataPath"/> puts the SQLite file
    /// and key ring under that folder instead of a temp folder.
    /// </summary>
    public static async Task<SandboxHost> StartAsync(DatabaseProvider provider, string? dataPath = null, IDictionary<string, string?>? extra = null)
    {
        // WebApplicationFactory finds EpicZoom.Web's content root through MvcTestingAppManifest.json in the current
        // directory; dotnet run leaves that wherever it was called from.
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
            // The simulators forget their oldest items beyond this (the Epic simulator's status-report log included).
            ["Sandbox:MaxStoredItems"] = "200000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        string? folder = null;
        if (dataPath is not null) settings["App:DataPath"] = folder = Directory.CreateDirectory(Path.Combine(dataPath, $"epiczoom-bench-{Guid.NewGuid():N}")).FullName;

        PostgresServer? server = null;
        string? connectionString = null;
        if (provider == DatabaseProvider.Postgres)
        {
            server = await PostgresServer.StartAsync();
            connectionString = await server.CreateDatabaseAsync("bench");
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Default"] = connectionString;
        }

        var app = await Task.Run(() => new EpicZoomApp(settings, kestrel: true));
        var host = new SandboxHost(app, provider, server, connectionString, folder);
        await host.WaitForSeededTenantAsync();
        return host;
    }

    /// <summary>A fresh scope of the app's services (its DbContext, its mediator).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> query) => InScopeAsync(services => query(services.GetRequiredService<AppDbContext>()));

    /// <summary>Sends a request through the app's MediatR pipeline as a signed-in admin, the way the tests and the sandbox seed do.</summary>
    public static Task<T> SendAsAdminAsync<T>(IServiceProvider scoped, IRequest<T> request)
    {
        if (scoped.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
        {
            var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "benchmark"), new Claim(ClaimTypes.Role, AppRoles.Admin)], "benchmark"));
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(admin)));
        }
        return scoped.GetRequiredService<IMediator>().Send(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Task.Run(App.Dispose);
        if (postgres is not null) await postgres.DisposeAsync();
        if (dataFolder is not null)
        {
            try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private string PostgresVersion()
    {
        try
        {
            using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SHOW server_version";
            return command.ExecuteScalar() as string ?? "";
        }
        catch (Npgsql.NpgsqlException)
        {
            return "";
        }
    }

    private async Task WaitForSeededTenantAsync()
    {
        for (var i = 0; i < 400; i++)
        {
            using var response = await Http.GetAsync("/jwks/sandbox");
            if (response.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(50);
        }
        throw new InvalidOperationException("The sandbox tenant was not seeded.");
    }
}
