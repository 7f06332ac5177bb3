using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;

namespace EpicZoom.Infrastructure.Tests.External;

/// <summary>Each cause read from what a real failing endpoint does to HttpClient, not from hand-made exceptions.</summary>
public sealed class ConnectionFailureClassifierTests
{
    private readonly ConnectionFailureClassifier classifier = new();

    [Fact]
    public async Task AClosedLoopbackPort_IsConnectionRefused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var failure = classifier.Classify(await FailureOfGetAsync($"http://127.0.0.1:{port}/"));

        Assert.Equal(ConnectionFailureKind.ConnectionRefused, failure.Kind);
    }

    [Fact]
    public async Task AnInvalidName_IsDnsNameNotFound()
    {
        var failure = classifier.Classify(await FailureOfGetAsync("https://no-such-host.epiczoom.invalid/"));

        Assert.Equal(ConnectionFailureKind.DnsNameNotFound, failure.Kind);
    }

    [Fact]
    public async Task ASelfSignedCertificate_IsUntrusted()
    {
        using var certificate = Certificate("localhost", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await using var server = TlsServer.Start(certificate);

        var failure = classifier.Classify(await FailureOfGetAsync($"https://localhost:{server.Port}/"));

        Assert.Equal(ConnectionFailureKind.TlsCertificateUntrusted, failure.Kind);
    }

    [Fact]
    public async Task ACertificateForAnotherName_IsANameMismatch()
    {
        using var certificate = Certificate("other.example", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await using var server = TlsServer.Start(certificate);

        var failure = classifier.Classify(await FailureOfGetAsync($"https://localhost:{server.Port}/"));

        Assert.Equal(ConnectionFailureKind.TlsCertificateNameMismatch, failure.Kind);
    }

    [Fact]
    public async Task AnExpiredCertificate_IsExpired()
    {
        using var certificate = Certificate("localhost", DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(-30));
        await using var server = TlsServer.Start(certificate);

        var failure = classifier.Classify(await FailureOfGetAsync($"https://localhost:{server.Port}/"));

        Assert.Equal(ConnectionFailureKind.TlsCertificateExpired, failure.Kind);
    }

    [Fact]
    public void ASpentTimeBudget_IsATimeout()
    {
        var spent = new ZoomUnavailableException("Zoom did not answer zoom.token within 15 s.", timedOut: true, new TimeoutException("zoom.token"));

        Assert.Equal(ConnectionFailureKind.TimedOut, classifier.Classify(spent).Kind);
    }

    [Fact]
    public void EpicsRefusal_KeepsItsSanitisedErrorDescription()
    {
        var refused = new EpicOAuthException("invalid_client", "Client \u202Eauthentication\u202C failed.\nRetry", 401);

        var failure = classifier.Classify(refused);

        Assert.Equal(ConnectionFailureKind.Unauthorized, failure.Kind);
        Assert.Equal("Epic answered HTTP 401 invalid_client: Client authentication failed. Retry", failure.Detail);
    }

    [Fact]
    public void AForbiddenEpicAnswer_IsForbidden() =>
        Assert.Equal(ConnectionFailureKind.Forbidden, classifier.Classify(new EpicOAuthException("access_denied", null, 403)).Kind);

    [Fact]
    public void ZoomRefusingTheAccountId_IsAWrongAccountId() =>
        Assert.Equal(ConnectionFailureKind.WrongZoomAccountId, classifier.Classify(
            new ZoomApiException(400, null, "Zoom refused the account token request: invalid_request (Invalid account_id).")).Kind);

    private static async Task<Exception> FailureOfGetAsync(string url)
    {
        using var client = new HttpClient();
        return await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url));
    }

    private static X509Certificate2 Certificate(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(notBefore, notAfter);
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A loopback TLS endpoint serving <paramref name="certificate"/> to whoever connects; the handshake is all it does.</summary>
    private sealed class TlsServer(TcpListener listener, Task loop, CancellationTokenSource stop) : IAsyncDisposable
    {
        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public static TlsServer Start(X509Certificate2 certificate)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var stop = new CancellationTokenSource();
            var loop = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var client = await listener.AcceptTcpClientAsync(stop.Token);
                    await using var tls = new SslStream(client.GetStream());
                    try
                    {
                        await tls.AuthenticateAsServerAsync(certificate);
                    }
                    catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
                    {
                        // The client refused the certificate: exactly what the test wants.
                    }
                }
            });
            return new TlsServer(listener, loop, stop);
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            try { await loop; } catch (OperationCanceledException) { } catch (SocketException) { } catch (ObjectDisposedException) { }
            stop.Dispose();
        }
    }
}
