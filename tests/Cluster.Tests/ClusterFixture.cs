using System.Net;
using System.Net.Sockets;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Cluster.Tests;

/// <summary>
/// One PostgreSQL, two EpicZoom processes on it (cluster-a and cluster-b, identical configuration but the port and the
/// name) and nginx in front with the shipped TLS and sticky-upstream configuration. The simulators are per process,
/// so every tenant URL names cluster-a's (Sandbox:BaseUrl); the public address (App:PublicBaseUrl) is nginx's.
/// cluster-a starts first on the new database (migrations, first-run admin, sandbox tenant), then cluster-b.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string KeyRingPassword = "cluster-key-ring-password";

    /// <summary>Short, so a killed instance's reports are taken over within the test (the minimum is 5 s).</summary>
    public static readonly TimeSpan DispatchLease = TimeSpan.FromSeconds(10);

    private readonly TempDirectory folder = new("epiczoom-cluster");
    private PostgresServer? postgres;
    private Nginx? nginx;

    internal EpicZoomInstance A { get; private set; } = null!;

    internal EpicZoomInstance B { get; private set; } = null!;

    internal Nginx Nginx => nginx!;

    public string ConnectionString { get; private set; } = "";

    public string PublicBaseUrl => $"https://127.0.0.1:{Nginx.HttpsPort}";

    public string DataPathOfA => Path.Combine(folder.Path, "data-a");

    public async Task InitializeAsync()
    {
        postgres = await PostgresServer.StartAsync();
        ConnectionString = await postgres.CreateDatabaseAsync("cluster");
        var tls = TestCertificates.WriteTls(folder.Path);
        var keyEncryption = TestCertificates.WriteKeyEncryption(folder.Path, KeyRingPassword);
        int portA = FreePort(), portB = FreePort(), https = FreePort(), http = FreePort();
        var publicBaseUrl = $"https://127.0.0.1:{https}";

        Dictionary<string, string> Environment(string dataPath) => new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["App__PublicBaseUrl"] = publicBaseUrl,
            ["App__DataPath"] = dataPath,
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = ConnectionString,
            ["DataProtection__KeyEncryptionCertificate"] = keyEncryption,
            ["DataProtection__KeyEncryptionCertificatePassword"] = KeyRingPassword,
            ["Notifications__DispatchLease"] = DispatchLease.ToString(),
            ["Notifications__LeaveSettle"] = "00:00:00",
            ["Sandbox__Enabled"] = "true",
            ["Sandbox__BaseUrl"] = $"http://127.0.0.1:{portA}",
            ["Sandbox__EpicZoomBaseUrl"] = publicBaseUrl,
            // The simulators call EpicZoom's public https address (its JWKS, webhooks): trust the test's certificate.
            ["SSL_CERT_FILE"] = tls.CertificatePem,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };

        A = new EpicZoomInstance("cluster-a", portA, Environment(DataPathOfA));
        B = new EpicZoomInstance("cluster-b", portB, Environment(Path.Combine(folder.Path, "data-b")));
        await A.StartAsync();
        await Eventually.HoldsAsync(() => DbAsync(db => db.Tenants.AnyAsync(t => t.OrgId == "sandbox")), "cluster-a to seed the sandbox tenant", TimeSpan.FromSeconds(30));
        await B.StartAsync();
        nginx = await Nginx.StartAsync(folder.Path, https, http, tls, [portA, portB]);
    }

    /// <summary>A client through nginx that trusts the test certificate, keeps cookies (the affinity one too) and follows no redirects.</summary>
    public HttpClient ThroughNginx(CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        { BaseAddress = new Uri(PublicBaseUrl) };

    /// <summary>The instance an answer through nginx came from (the test's upstream header).</summary>
    internal EpicZoomInstance AnsweredBy(HttpResponseMessage response)
    {
        var upstream = response.Headers.TryGetValues(Nginx.UpstreamHeader, out var values) ? values.Last() : "";
        if (upstream.EndsWith($":{A.Port}", StringComparison.Ordinal)) return A;
        if (upstream.EndsWith($":{B.Port}", StringComparison.Ordinal)) return B;
        throw new InvalidOperationException($"nginx named no instance: '{upstream}'");
    }

    public async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(ConnectionString).Options);
        return await query(db);
    }

    public string Diagnostics() => $"--- cluster-a:\n{A.RecentOutput}\n--- cluster-b:\n{B.RecentOutput}";

    public async Task DisposeAsync()
    {
        nginx?.Dispose();
        A?.Dispose();
        B?.Dispose();
        if (postgres is not null) await postgres.DisposeAsync();
        folder.Dispose();
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EpicZoom.sln"))) return dir.FullName;
        throw new InvalidOperationException("EpicZoom.sln not found above the test assembly.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
