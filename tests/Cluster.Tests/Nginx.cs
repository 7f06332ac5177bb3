using System.Diagnostics;
using System.Net.Sockets;

namespace EpicZoom.Cluster.Tests;

/// <summary>
/// Debian's nginx, unprivileged on loopback ports, running the shipped deploy/nginx/epiczoom.conf with only its
/// addresses, ports and certificate paths replaced (each replacement must find its text, so the test and the shipped
/// file cannot drift apart). The test adds one header naming the instance that answered.
/// </summary>
internal sealed class Nginx : IDisposable
{
    public const string UpstreamHeader = "X-Test-Upstream";
    private readonly Process process;

    private Nginx(Process process, string folder, int httpsPort)
    {
        this.process = process;
        Folder = folder;
        HttpsPort = httpsPort;
    }

    public string Folder { get; }

    public int HttpsPort { get; }

    public static async Task<Nginx> StartAsync(string folder, int httpsPort, int httpPort, (string Certificate, string Key) tls, IReadOnlyList<int> upstreamPorts)
    {
        var binary = new[] { "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: apt-get install -y nginx (scripts/test.sh does it as root).");
        var shipped = await File.ReadAllTextAsync(Path.Combine(ClusterFixture.RepoRoot(), "deploy", "nginx", "epiczoom.conf"));
        var site = Render(shipped, httpsPort, httpPort, tls, upstreamPorts);
        await File.WriteAllTextAsync(Path.Combine(folder, "epiczoom.conf"), site);
        foreach (var temp in new[] { "client", "proxy", "fastcgi", "uwsgi", "scgi", "logs" }) Directory.CreateDirectory(Path.Combine(folder, temp));
        var main = $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/logs/error.log warn;
            events { worker_connections 512; }
            http {
                access_log {{folder}}/logs/access.log;
                client_body_temp_path {{folder}}/client;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/epiczoom.conf;
            }
            """;
        var conf = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(conf, main);

        var start = new ProcessStartInfo(binary, ["-p", folder, "-c", conf, "-e", Path.Combine(folder, "logs", "error.log"), "-g", "daemon off;"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        var nginx = new Nginx(process, folder, httpsPort);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()} {ErrorLog(folder)}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", httpsPort);
                return nginx;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        nginx.Dispose();
        throw new TimeoutException($"nginx did not listen on {httpsPort}: {ErrorLog(folder)}");
    }

    /// <summary>The shipped site with loopback ports, the test's certificate and the answering-instance header.</summary>
    public static string Render(string shipped, int httpsPort, int httpPort, (string Certificate, string Key) tls, IReadOnlyList<int> upstreamPorts)
    {
        if (upstreamPorts.Count != 2) throw new ArgumentException("The shipped upstream names two instances.", nameof(upstreamPorts));
        var site = Replace(shipped, "server 127.0.0.1:5001 ", $"server 127.0.0.1:{upstreamPorts[0]} ");
        site = Replace(site, "server 127.0.0.1:5002 ", $"server 127.0.0.1:{upstreamPorts[1]} ");
        site = Replace(site, "listen 443 ssl;", $"listen 127.0.0.1:{httpsPort} ssl;");
        site = Replace(site, "listen 80;", $"listen 127.0.0.1:{httpPort};");
        site = Replace(site, "/etc/ssl/epiczoom/fullchain.pem", tls.Certificate);
        site = Replace(site, "/etc/ssl/epiczoom/privkey.pem", tls.Key);
        // Same level as the shipped add_header (nginx inherits add_header only from levels that have none).
        site = Replace(site, "add_header Set-Cookie $ez_affinity_set_cookie always;",
            $"add_header Set-Cookie $ez_affinity_set_cookie always;\n        add_header {UpstreamHeader} $upstream_addr always;");
        return site;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5_000);
        }
        process.Dispose();
    }

    private static string Replace(string text, string shipped, string test)
    {
        var at = text.IndexOf(shipped, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(shipped, at + shipped.Length, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException($"deploy/nginx/epiczoom.conf no longer has exactly one '{shipped}': update the cluster test with it.");
        return text.Replace(shipped, test, StringComparison.Ordinal);
    }

    private static string ErrorLog(string folder)
    {
        var log = Path.Combine(folder, "logs", "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }
}
