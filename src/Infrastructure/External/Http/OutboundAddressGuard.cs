using System.Net;
using System.Net.Sockets;
using EpicZoom.Domain.Common;

namespace EpicZoom.Infrastructure.External.Http;

/// <summary>
/// Never lets a tenant URL reach a link-local, unspecified or cloud-metadata address (<see cref="HttpUrl.IsForbiddenAddress"/>):
/// instance metadata hands out the host's credentials. The tenant validator refuses such URLs at input; this checks
/// again where connections are made — the literal host of every request, and every address a host name resolves to
/// (a name such as metadata.google.internal, or one re-pointed after it was saved). Loopback and private networks stay
/// allowed: Epic often lives on an intranet, and the sandbox on localhost.
/// </summary>
internal sealed class OutboundAddressGuard(Func<string, CancellationToken, Task<IPAddress[]>> resolve)
{
    public static OutboundAddressGuard System { get; } = new(Dns.GetHostAddressesAsync);

    /// <summary>A request to a forbidden literal host fails as a transport error (callers already report those) with the reason.</summary>
    public static void CheckRequest(HttpRequestMessage request)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri && HttpUrl.IsForbiddenHost(uri)) throw Refused(uri.Host);
    }

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>: connects to the first allowed address of the host.</summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectAsync(context.DnsEndPoint, cancellationToken);

    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await resolve(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(a => !HttpUrl.IsForbiddenAddress(a)).ToList();
        if (allowed.Count == 0) throw Refused(endpoint.Host);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static HttpRequestException Refused(string host) => new(HttpRequestError.ConnectionError,
        $"EpicZoom does not call {host}: it is (or resolves to) a link-local, unspecified or cloud metadata address. Check the tenant's URLs.");
}

/// <summary>The literal-host check as the innermost handler, so every attempt (retries, redirects shown as 3xx) passes it.</summary>
internal sealed class OutboundAddressGuardHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        OutboundAddressGuard.CheckRequest(request);
        return base.SendAsync(request, cancellationToken);
    }
}
