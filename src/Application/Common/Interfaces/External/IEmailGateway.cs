using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Common.Interfaces.External;

/// <summary>An SMTP server EpicZoom submits mail to; the password is decrypted for this call only and never printed.</summary>
public sealed record EmailConnection(string Host, int Port, EmailTlsMode Tls, string? UserName, string? Password, string FromAddress, string FromName)
{
    public override string ToString() => $"EmailConnection {{ Host = {Host}, Port = {Port}, Tls = {Tls} }}";
}

/// <summary>One message: a plain-text body always, an HTML alternative when given. Built from a template without PHI.</summary>
public sealed record EmailMessage(string ToAddress, string Subject, string TextBody, string? HtmlBody)
{
    public override string ToString() => $"EmailMessage {{ Subject = {Subject} }}";
}

/// <summary>Why a message was not submitted, as EpicZoom acts on it; Infrastructure reads it from the SMTP dialogue.</summary>
public enum EmailFailure
{
    /// <summary>The server took the message (250 after DATA).</summary>
    None,

    /// <summary>The server refused this recipient (5xx at RCPT TO): a wrong or unknown address. Resending will not help.</summary>
    RecipientRefused,

    /// <summary>The server refused the user name or password, or requires authentication that is not configured.</summary>
    CredentialsRefused,

    /// <summary>TLS could not be set up: the certificate is not trusted, or the TLS mode does not match the port.</summary>
    TlsFailed,

    /// <summary>The server answered 4xx: busy or rate limiting. Try again later.</summary>
    Busy,

    /// <summary>The server could not be reached or did not answer in time, before the message was handed over.</summary>
    Unavailable,

    /// <summary>
    /// The connection broke after the message was handed over and before the server confirmed it: it may or may not
    /// be delivered. EpicZoom never resends on its own in this case (it could mail twice); a person decides.
    /// </summary>
    Unconfirmed,
}

/// <summary>What the server answered: the SMTP reply code (0 when none), a message fit to show an admin (never the address or the body).</summary>
public sealed record EmailSendResult(EmailFailure Failure, int ReplyCode, string Message, string? MessageId = null)
{
    public bool Accepted => Failure == EmailFailure.None;
}

public interface IEmailGateway
{
    /// <summary>One attempt, never retried inside (a repeated submission could mail twice); failures come back as results.</summary>
    Task<EmailSendResult> SendAsync(EmailConnection connection, EmailMessage message, CancellationToken cancellationToken);

    /// <summary>Connects, sets up TLS and authenticates, then quits without sending: the troubleshooting check.</summary>
    Task<EmailSendResult> CheckAsync(EmailConnection connection, CancellationToken cancellationToken);
}

/// <summary>The installation's SMTP server (configuration section "Email", or the sandbox's); null when e-mail is not set up.</summary>
public interface IEmailServerSettings
{
    Task<EmailConnection?> GetAsync(CancellationToken cancellationToken);
}
