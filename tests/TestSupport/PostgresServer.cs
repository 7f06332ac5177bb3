using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EpicZoom.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server from the installed binaries (initdb + pg_ctl in a temp folder on a free port),
/// removed on dispose. PostgreSQL refuses to run as root, so when tests run as root it runs as the 'postgres' user.
/// Set EPICZOOM_TEST_POSTGRES to a connection string to use an existing server instead. For diagnosis,
/// EPICZOOM_POSTGRES_OPTIONS adds server options (e.g. "-c log_min_duration_statement=100") and
/// EPICZOOM_POSTGRES_LOG names a file the server's log is copied to when it stops.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly string[] BinDirectories = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin"];
    private readonly string? directory;
    private readonly string? binDirectory;
    private int databaseCounter;

    private PostgresServer(string adminConnectionString, string? directory, string? binDirectory)
    {
        AdminConnectionString = adminConnectionString;
        this.directory = directory;
        this.binDirectory = binDirectory;
    }

    /// <summary>Connection string for the server's maintenance database (superuser).</summary>
    public string AdminConnectionString { get; }

    /// <param name="durable">
    /// false (tests): fsync, synchronous_commit and full_page_writes off, so tests never wait for the disk.
    /// true (benchmarks of durable ingest): PostgreSQL's defaults, every commit flushed before it returns.
    /// </param>
    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        var external = Environment.GetEnvironmentVariable("EPICZOOM_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external)) return new PostgresServer(external, null, null);

        var bin = BinDirectories.FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException("PostgreSQL binaries (initdb, pg_ctl) were not found; install PostgreSQL or set EPICZOOM_TEST_POSTGRES.");
        var dir = Path.Combine(Path.GetTempPath(), "epiczoom-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", ["-R", "postgres:postgres", dir], null);

        var port = FreePort();
        var data = Path.Combine(dir, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "ez", "--no-sync", "-E", "UTF8"], asRoot ? "postgres" : null);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60",
             "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 {(durable ? "-c fsync=on -c synchronous_commit=on -c full_page_writes=on" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")} -c max_connections=200 {Environment.GetEnvironmentVariable("EPICZOOM_POSTGRES_OPTIONS")}", "start"],
            asRoot ? "postgres" : null);
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=ez;Database=postgres;Pooling=true;Timeout=30", dir, bin);
    }

    /// <summary>A new empty database on this server, for one test or test class.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "ez")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref databaseCounter)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using var connection = new Npgsql.NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync();
        return new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (directory is null || binDirectory is null) return;
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop"],
                Environment.UserName == "root" ? "postgres" : null);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("EPICZOOM_POSTGRES_LOG") is { Length: > 0 } copy)
                try { File.Copy(Path.Combine(directory, "server.log"), copy, overwrite: true); } catch (IOException) { }
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, string? asUser)
    {
        var start = new ProcessStartInfo
        {
            FileName = asUser is null ? file : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser is not null)
        {
            foreach (var a in new[] { "-u", asUser, "--", file }) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
