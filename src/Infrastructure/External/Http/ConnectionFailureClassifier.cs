using System.Net.Sockets;
using System.Security.Authentication;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Domain.Common;

namespace EpicZoom.Infrastructure.External.Http;

/// <summary>
/// Reads what really failed from an external client's exception chain: an answer (Epic's OAuth error and
/// error_description, Zoom's status and code) first, then the transport (certificate errors, socket error codes, the
/// resolver, the time budget). Wire vocabulary stays here; the Application words the cause and the fix.
/// </summary>
internal sealed class ConnectionFailureClassifier : IConnectionFailureClassifier
{
    private const int DetailLength = 200;

    public ConnectionFailure Classify(Exception exception) => ClassifyChain(exception);

    public static ConnectionFailure ClassifyChain(Exception exception)
    {
        var chain = Chain(exception).ToList();
        return Answer(chain) ?? Certificate(chain) ?? Socket(chain) ?? Transport(chain) ?? TimedOut(chain)
            ?? new ConnectionFailure(ConnectionFailureKind.Other, Safe(exception.Message));
    }

    /// <summary>The server answered and refused: its own words are the best evidence.</summary>
    private static ConnectionFailure? Answer(List<Exception> chain)
    {
        if (chain.OfType<EpicOAuthException>().FirstOrDefault() is { } epic)
        {
            var detail = Safe($"Epic answered {(epic.HttpStatus is { } s ? $"HTTP {s} " : "")}{epic.Error}"
                + (string.IsNullOrWhiteSpace(epic.Description) ? "" : $": {epic.Description}"));
            var kind = epic.HttpStatus == 403 || epic.Error == "insufficient_scope" ? ConnectionFailureKind.Forbidden
                : epic.HttpStatus == 401 || epic.Error is "invalid_client" or "invalid_token" ? ConnectionFailureKind.Unauthorized
                : ConnectionFailureKind.OAuthRefused;
            return new ConnectionFailure(kind, detail, epic.HttpStatus, epic.Error);
        }

        if (chain.OfType<ZoomApiException>().FirstOrDefault() is { } zoom)
        {
            var detail = Safe($"Zoom answered {zoom.Answer}: {zoom.Message}");
            var kind = zoom switch
            {
                _ when zoom.Message.Contains("account", StringComparison.OrdinalIgnoreCase)
                       && zoom.Message.Contains("invalid_request", StringComparison.OrdinalIgnoreCase) => ConnectionFailureKind.WrongZoomAccountId,
                { Failure: ZoomFailure.Unreadable } => ConnectionFailureKind.UnexpectedAnswer,
                { HttpStatus: 401 } or { Failure: ZoomFailure.AuthenticationFailed } => ConnectionFailureKind.Unauthorized,
                { HttpStatus: 403 } => ConnectionFailureKind.Forbidden,
                { HttpStatus: >= 500 } => ConnectionFailureKind.ServerError,
                _ => ConnectionFailureKind.Other,
            };
            return new ConnectionFailure(kind, detail, zoom.HttpStatus);
        }

        if (chain.OfType<HttpRequestException>().FirstOrDefault(h => h.StatusCode is not null) is { StatusCode: { } status } http)
        {
            var code = (int)status;
            var kind = code switch
            {
                401 => ConnectionFailureKind.Unauthorized,
                403 => ConnectionFailureKind.Forbidden,
                >= 500 => ConnectionFailureKind.ServerError,
                _ => ConnectionFailureKind.UnexpectedAnswer,
            };
            return new ConnectionFailure(kind, Safe($"HTTP {code}: {http.Message}"), code);
        }
        return null;
    }

    /// <summary>.NET names the certificate problem in the message (SslPolicyErrors and X509ChainStatusFlags names).</summary>
    private static ConnectionFailure? Certificate(List<Exception> chain)
    {
        if (chain.OfType<AuthenticationException>().FirstOrDefault() is not { } tls) return null;
        var message = tls.Message;
        var kind = message.Contains("RemoteCertificateNameMismatch", StringComparison.Ordinal) ? ConnectionFailureKind.TlsCertificateNameMismatch
            : message.Contains("NotTimeValid", StringComparison.Ordinal) ? ConnectionFailureKind.TlsCertificateExpired
            : message.Contains("UntrustedRoot", StringComparison.Ordinal) || message.Contains("PartialChain", StringComparison.Ordinal)
              || message.Contains("RemoteCertificateChainErrors", StringComparison.Ordinal) || message.Contains("Revoked", StringComparison.Ordinal)
                ? ConnectionFailureKind.TlsCertificateUntrusted
            : ConnectionFailureKind.TlsHandshakeFailed;
        return new ConnectionFailure(kind, Safe(message));
    }

    private static ConnectionFailure? Socket(List<Exception> chain)
    {
        if (chain.OfType<SocketException>().FirstOrDefault() is not { } socket) return null;
        var kind = socket.SocketErrorCode switch
        {
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => ConnectionFailureKind.DnsNameNotFound,
            SocketError.ConnectionRefused => ConnectionFailureKind.ConnectionRefused,
            SocketError.TimedOut => ConnectionFailureKind.TimedOut,
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown or SocketError.HostDown => ConnectionFailureKind.NetworkUnreachable,
            _ => (ConnectionFailureKind?)null,
        };
        return kind is { } k ? new ConnectionFailure(k, Safe(OuterTransportMessage(chain) ?? socket.Message)) : null;
    }

    private static ConnectionFailure? Transport(List<Exception> chain)
    {
        if (chain.OfType<HttpRequestException>().FirstOrDefault() is not { } http) return null;
        var kind = http.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => ConnectionFailureKind.DnsNameNotFound,
            HttpRequestError.SecureConnectionError => ConnectionFailureKind.TlsHandshakeFailed,
            HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded => ConnectionFailureKind.UnexpectedAnswer,
            _ => (ConnectionFailureKind?)null,
        };
        return kind is { } k ? new ConnectionFailure(k, Safe(http.Message)) : null;
    }

    private static ConnectionFailure? TimedOut(List<Exception> chain) =>
        chain.FirstOrDefault(e => e is TimeoutException or ZoomUnavailableException { TimedOut: true }) is { } timeout
            ? new ConnectionFailure(ConnectionFailureKind.TimedOut, Safe(timeout.Message))
            : null;

    /// <summary>HttpClient's own message names the host and port ("Connection refused (localhost:5)"); the socket's does not.</summary>
    private static string? OuterTransportMessage(List<Exception> chain) => chain.OfType<HttpRequestException>().FirstOrDefault()?.Message;

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }

    private static string Safe(string text) => SafeText.Sanitize(text, DetailLength);
}
