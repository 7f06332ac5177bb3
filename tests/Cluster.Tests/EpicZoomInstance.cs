using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;

namespace EpicZoom.Cluster.Tests;

/// <summary>
/// One EpicZoom process: the built EpicZoom.Web.dll run with <c>dotnet</c>, as systemd runs the published one, on its
/// own loopback port, configured by environment variables only. <see cref="Kill"/> is <c>kill -9</c>.
/// </summary>
internal sealed class EpicZoomInstance : IDisposable
{
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    public EpicZoomInstance(string name, int port, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        Port = port;
        this.environment = environment;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(Address) };
    }

    /// <summary>App:InstanceName.</summary>
    public string Name { get; }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>Straight to this instance, past nginx; no cookies, no redirects followed.</summary>
    public HttpClient Http { get; }

    public bool Running => process is { HasExited: false };

    /// <summary>The last lines the process wrote, for a failing test's message.</summary>
    public string RecentOutput => string.Join('\n', output.TakeLast(40));

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [WebAssembly()])
        {
            WorkingDirectory = Path.GetDirectoryName(WebAssembly())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["ASPNETCORE_URLS"] = Address;
        start.Environment["App__InstanceName"] = Name;
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start EpicZoom.Web.dll.");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited) throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{RecentOutput}");
            try
            {
                if ((await Http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} was not healthy within 90 s:\n{RecentOutput}");
    }

    /// <summary>SIGKILL: no shutdown, no lease released, requests in flight cut off.</summary>
    public void Kill()
    {
        if (process is not { HasExited: false } running) return;
        running.Kill(entireProcessTree: true);
        running.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
        Http.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > 400) output.TryDequeue(out _);
    }

    /// <summary>src/Web/bin/{this test's configuration}/net10.0/EpicZoom.Web.dll, built by the project reference.</summary>
    private static string WebAssembly()
    {
        var configuration = typeof(EpicZoomInstance).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(ClusterFixture.RepoRoot(), "src", "Web", "bin", configuration, "net10.0", "EpicZoom.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first.");
    }
}
