using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;

namespace EpicZoom.Benchmarks.Common;

/// <summary>
/// TestSupport's <see cref="EpicZoomApp"/> with the sandbox on, on real Kestrel (loopback), on SQLite (a file in a
/// fresh data folder) or on a throwaway PostgreSQL server (<see cref="PostgresServer"/>: initdb in a temp folder,
/// fsync off), with the benchmarks' logging and store sizes. The benchmark reaches it over loopback HTTP as Epic and
/// Zoom would, and EpicZoom reaches the simulators the same way.
/// </summary>
internal sealed class BenchApp : IAsyncDisposable
{
    private readonly string? dataFolder;

    private BenchApp(EpicZoomApp app, DatabaseProvider provider, string? dataFolder)
    {
        App = app;
        Provider = provider;
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
    public string ConnectionString => App.ConnectionString;

    public string BaseUrl { get; }

    /// <summary>No redirects followed, no cookies: plays Epic, Zoom and the browser by hand.</summary>
    public HttpClient Http { get; }

    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite (WAL) under {Path.GetDirectoryName(App.SqliteFile)}"
        : "PostgreSQL " + PostgresVersion() + (Durable
            ? " (throwaway server from TestSupport's PostgresServer: fsync=on, synchronous_commit=on, full_page_writes=on: durable commits)"
            : " (throwaway server from TestSupport's PostgresServer: fsync=off, synchronous_commit=off, full_page_writes=off; defaults otherwise)");

    /// <summary>PostgreSQL flushes every commit (fsync on).</summary>
    public bool Durable { get; private init; }

    /// <summary>
    /// Starts EpicZoom with the sandbox on Kestrel; returns once the sandbox tenant is seeded. <paramref name="dataPath"/>
    /// puts the SQLite file and key ring under that folder instead of a temp folder.
    /// </summary>
    public static async Task<BenchApp> StartAsync(DatabaseProvider provider, string? dataPath = null, IDictionary<string, string?>? extra = null, string maxStoredItems = "200000",
        bool durablePostgres = false, Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>? kestrel = null)
    {
        // WebApplicationFactory finds EpicZoom.Web's content root through MvcTestingAppManifest.json in the current
        // directory; dotnet run leaves that wherever it was called from.
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
            // The simulators forget their oldest items beyond this (the Epic simulator's status-report log included).
            ["Sandbox:MaxStoredItems"] = maxStoredItems,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        string? folder = null;
        if (dataPath is not null) settings["App:DataPath"] = folder = Directory.CreateDirectory(Path.Combine(dataPath, $"epiczoom-bench-{Guid.NewGuid():N}")).FullName;

        var app = await EpicZoomApp.StartAsync(new EpicZoomAppOptions
        {
            Sandbox = true, Kestrel = true, Postgres = provider == DatabaseProvider.Postgres, DurablePostgres = durablePostgres, Settings = settings, ExtraKestrel = kestrel,
        });
        return new BenchApp(app, provider, folder) { Durable = durablePostgres };
    }

    public Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work) => App.InScopeAsync(work);

    public Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> query) => App.DbAsync(query);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Task.Run(App.Dispose);
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
}
