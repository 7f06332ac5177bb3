namespace EpicZoom.Application.Common.Interfaces.External;

/// <summary>What actually went wrong on a call to Epic, Zoom or the SMS provider, in terms an administrator can act on.</summary>
public enum ConnectionFailureKind
{
    /// <summary>Nothing more specific is known; <see cref="ConnectionFailure.Detail"/> says what was seen.</summary>
    Other,
    DnsNameNotFound,
    ConnectionRefused,
    NetworkUnreachable,
    TlsCertificateNameMismatch,
    TlsCertificateExpired,
    TlsCertificateUntrusted,
    TlsHandshakeFailed,
    TimedOut,

    /// <summary>HTTP 401 or OAuth invalid_client: the credentials were not accepted.</summary>
    Unauthorized,

    /// <summary>HTTP 403: the credentials were accepted but are not allowed to do this.</summary>
    Forbidden,

    /// <summary>Zoom did not know the account id given with the app's credentials.</summary>
    WrongZoomAccountId,

    /// <summary>An OAuth refusal other than bad credentials (invalid_grant, unauthorized_client, invalid_scope…).</summary>
    OAuthRefused,

    /// <summary>The server answered with a 5xx status.</summary>
    ServerError,

    /// <summary>The server answered, but not with what the API answers (a proxy page, a wrong base URL).</summary>
    UnexpectedAnswer,
}

/// <summary>
/// A classified failure. <see cref="Detail"/> is safe to show: the host, the HTTP status, the OAuth error code and
/// Epic's error_description (sanitised and clipped); never a secret or a request body.
/// </summary>
public sealed record ConnectionFailure(ConnectionFailureKind Kind, string Detail, int? HttpStatus = null, string? OAuthError = null);

/// <summary>
/// Reads an exception thrown by an external client (and its inner exceptions: socket error codes, certificate errors,
/// time-outs, HTTP status and OAuth error fields) into a <see cref="ConnectionFailure"/>. Implemented in Infrastructure,
/// where the transport types live.
/// </summary>
public interface IConnectionFailureClassifier
{
    ConnectionFailure Classify(Exception exception);
}
