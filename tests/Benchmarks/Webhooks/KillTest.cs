using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Benchmarks.Webhooks;

/// <summary>
/// <c>webhooks --scenarios durability</c>: EpicZoom as a child process (the Release EpicZoom.Web.dll, sandbox on),
/// many clients posting distinct signed webhooks, <c>kill -9</c> in the middle of the load, a restart on the same
/// database, then every webhook that was answered 2xx must be stored exactly once.
/// </summary>
internal static class KillTest
{
    public sealed record Result(string Database, int Acknowledged, int Present, int Missing, int Twice, int StoredInAll);

    public static async Task<Result> RunAsync(DatabaseProvider provider, int clients, TimeSpan loadBeforeKill)
    {
        var name = WebhookBenchmark.Name(provider);
        using var folder = new TempDirectory("epiczoom-kill");
        await using var postgres = provider == DatabaseProvider.Postgres ? await PostgresServer.StartAsync(durable: true) : null;
        var connection = postgres is null
            ? $"Data Source={Path.Combine(folder.Path, "epiczoom.db")}"
            : await postgres.CreateDatabaseAsync("killtest");

        var port = FreePort();
        var acked = new ConcurrentBag<string>();
        var child = Start(provider, connection, folder.Path, port);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitHealthyAsync(http);
            var stop = DateTime.UtcNow + loadBeforeKill;
            var counter = 0L;
            var load = Enumerable.Range(0, clients).Select(async _ =>
            {
                // Keeps posting through the kill until the server is gone.
                while (true)
                {
                    var n = Interlocked.Increment(ref counter);
                    var body = ZoomWebhooks.MeetingEvent((ZoomWebhooks.Joined, Guid.NewGuid().ToString("N")), 80_000_000_000 + n, $"kill-{n}", DateTimeOffset.UtcNow);
                    var posted = await ZoomWebhooks.PostAsync(http, ZoomWebhooks.Path, body);
                    if (posted.Status is >= 200 and < 300) acked.Add(Convert.ToHexString(SHA256.HashData(body)));
                    else if (posted.Status == 0) return;
                }
            }).ToList();
            while (DateTime.UtcNow < stop) await Task.Delay(50);
            Console.Error.WriteLine($"  kill -9 EpicZoom on {name} after {acked.Count} acknowledged webhooks...");
            child.Kill(entireProcessTree: true); // SIGKILL on Linux
            await child.WaitForExitAsync();
            await Task.WhenAll(load);
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }

        // Restart on the same database: start-up (migrations, recovery) must not lose or duplicate anything either.
        var again = Start(provider, connection, folder.Path, port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitHealthyAsync(http);
        }
        finally
        {
            again.Kill(entireProcessTree: true);
            await again.WaitForExitAsync();
        }

        await using var db = provider == DatabaseProvider.Postgres
            ? (AppDbContext)new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection).Options)
            : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connection + ";Pooling=false").Options);
        var stored = await db.WebhookEvents.GroupBy(e => e.BodyHash).Select(g => new { Hash = g.Key, Count = g.Count() }).ToListAsync();
        var counts = stored.ToDictionary(s => s.Hash, s => s.Count, StringComparer.Ordinal);
        var ackedSet = acked.ToHashSet(StringComparer.Ordinal);
        return new Result(name, ackedSet.Count, ackedSet.Count(counts.ContainsKey), ackedSet.Count(h => !counts.ContainsKey(h)),
            stored.Count(s => s.Count > 1), stored.Sum(s => s.Count));
    }

    internal static Process Start(DatabaseProvider provider, string connection, string dataPath, int port)
    {
        var root = RepoRoot();
        var dll = Path.Combine(root, "src", "Web", "bin", "Release", "net10.0", "EpicZoom.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build EpicZoom.Web in Release first ({dll} is missing).");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.Combine(root, "src", "Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // The sandbox tenant's Epic and Zoom URLs are this instance's simulators, at the address the benchmark uses.
        start.Environment["App__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        start.Environment["Sandbox__Enabled"] = "true";
        start.Environment["App__DataPath"] = dataPath;
        start.Environment["Database__Provider"] = provider.ToString();
        start.Environment["ConnectionStrings__Default"] = connection;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The Epic simulator's log must hold every report of the run (Sandbox:MaxStoredItems defaults to 1,000).
        start.Environment["Sandbox__MaxStoredItems"] = "200000";
        // The pipeline kill sends each person's events 1 s apart and counts one report per event: the default 2 s leave
        // settle would rightly fold a leave and the join after it into no change (a reconnect).
        start.Environment["Notifications__LeaveSettle"] = "00:00:00";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"    [web] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"    [web] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitHealthyAsync(HttpClient http)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < until)
        {
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("EpicZoom did not become healthy within 2 minutes.");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EpicZoom.sln"))) return dir.FullName;
        throw new InvalidOperationException("EpicZoom.sln not found above the benchmark.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
