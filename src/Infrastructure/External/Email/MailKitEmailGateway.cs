using System.Net.Sockets;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Domain.Tenants;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace EpicZoom.Infrastructure.External.Email;

/// <summary>
/// Submits mail over SMTP with MailKit: one connection per message, one attempt (a resubmitted message could arrive
/// twice). The SMTP dialogue is read into an <see cref="EmailFailure"/>; a connection that breaks after the message
/// was handed over is <see cref="EmailFailure.Unconfirmed"/>, never retried here. Logs and messages name the server,
/// never the recipient or the body.
/// </summary>
internal sealed partial class MailKitEmailGateway(ILogger<MailKitEmailGateway> logger) : IEmailGateway
{
    /// <summary>For connecting, each command and the whole message: a submission server answers in well under this.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public async Task<EmailSendResult> SendAsync(EmailConnection connection, EmailMessage message, CancellationToken cancellationToken)
    {
        MimeMessage mime;
        try
        {
            mime = Build(connection, message);
        }
        catch (ParseException)
        {
            return new EmailSendResult(EmailFailure.RecipientRefused, 0, "The e-mail address is not valid.");
        }

        var progress = new HandedOver();
        using var client = NewClient();
        try
        {
            await OpenAsync(client, connection, cancellationToken);
            var answer = await client.SendAsync(mime, cancellationToken, progress);
            await QuietlyDisconnectAsync(client);
            return new EmailSendResult(EmailFailure.None, 250, Sanitize(answer, "Accepted by the mail server."), mime.MessageId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var result = Classify(ex, connection, progress.Started);
            LogRefused(connection.Host, connection.Port, result.Failure, result.ReplyCode);
            return result;
        }
    }

    public async Task<EmailSendResult> CheckAsync(EmailConnection connection, CancellationToken cancellationToken)
    {
        using var client = NewClient();
        try
        {
            await OpenAsync(client, connection, cancellationToken);
            var secured = client.IsSecure ? "over TLS" : "without TLS";
            var authenticated = client.IsAuthenticated ? ", signed in" : "";
            await QuietlyDisconnectAsync(client);
            return new EmailSendResult(EmailFailure.None, 250, $"Connected to {connection.Host}:{connection.Port} {secured}{authenticated}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Classify(ex, connection, handedOver: false);
        }
    }

    private static SmtpClient NewClient() => new() { Timeout = (int)Timeout.TotalMilliseconds };

    private static async Task OpenAsync(SmtpClient client, EmailConnection connection, CancellationToken cancellationToken)
    {
        var socket = connection.Tls switch
        {
            EmailTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
            EmailTlsMode.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(Timeout);
        await client.ConnectAsync(connection.Host, connection.Port, socket, connectTimeout.Token);
        if (!string.IsNullOrEmpty(connection.UserName))
        {
            await client.AuthenticateAsync(connection.UserName, connection.Password ?? "", cancellationToken);
        }
    }

    private static MimeMessage Build(EmailConnection connection, EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(connection.FromName, connection.FromAddress));
        mime.To.Add(MailboxAddress.Parse(ParserOptions.Default, message.ToAddress));
        mime.Subject = message.Subject;
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        mime.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(connection.FromAddress.Split('@') is [_, var domain] ? domain : "epiczoom.invalid");
        return mime;
    }

    private static EmailSendResult Classify(Exception ex, EmailConnection connection, bool handedOver)
    {
        var server = $"{connection.Host}:{connection.Port}";
        return ex switch
        {
            SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } command when (int)command.StatusCode is >= 400 and < 500 =>
                new(EmailFailure.Busy, (int)command.StatusCode, $"The mail server {server} cannot take mail for this address right now ({(int)command.StatusCode}); try again later."),
            SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } command =>
                new(EmailFailure.RecipientRefused, (int)command.StatusCode, $"The mail server refused the address ({(int)command.StatusCode}): check it for typos."),
            SmtpCommandException command when command.StatusCode is SmtpStatusCode.AuthenticationRequired or SmtpStatusCode.AuthenticationInvalidCredentials
                or SmtpStatusCode.AuthenticationMechanismTooWeak =>
                new(EmailFailure.CredentialsRefused, (int)command.StatusCode, $"The mail server {server} refused the sign-in ({(int)command.StatusCode}): check the SMTP user name and password."),
            SmtpCommandException command when (int)command.StatusCode is >= 400 and < 500 =>
                new(EmailFailure.Busy, (int)command.StatusCode, $"The mail server {server} is busy or limiting ({(int)command.StatusCode}); try again later."),
            SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } command =>
                new(EmailFailure.CredentialsRefused, (int)command.StatusCode, $"The mail server {server} does not let this account send as the configured sender address ({(int)command.StatusCode})."),
            SmtpCommandException command =>
                new(EmailFailure.RecipientRefused, (int)command.StatusCode, $"The mail server {server} refused the message ({(int)command.StatusCode})."),
            AuthenticationException or ServiceNotAuthenticatedException =>
                new(EmailFailure.CredentialsRefused, 535, $"The mail server {server} refused the sign-in: check the SMTP user name and password."),
            SslHandshakeException =>
                new(EmailFailure.TlsFailed, 0, $"TLS with {server} failed: the server's certificate is not trusted or does not name {connection.Host}, or the TLS mode does not fit the port (465 is TLS on connect, 587 is STARTTLS)."),
            NotSupportedException when connection.Tls == EmailTlsMode.StartTls =>
                new(EmailFailure.TlsFailed, 0, $"The mail server {server} does not offer STARTTLS: choose TLS on connect for port 465, or ask for STARTTLS on this port."),
            _ when handedOver =>
                new(EmailFailure.Unconfirmed, 0, $"The connection to {server} broke after the message was handed over: it may have been delivered. Check with the recipient before resending."),
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } =>
                new(EmailFailure.Unavailable, 0, $"The mail server name {connection.Host} was not found (DNS): check the SMTP host."),
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
                new(EmailFailure.Unavailable, 0, $"Nothing accepts connections at {server}: check the SMTP host and port, or whether the server is running."),
            OperationCanceledException or TimeoutException =>
                new(EmailFailure.Unavailable, 0, $"The mail server {server} did not answer within {Timeout.TotalSeconds:0} seconds."),
            _ =>
                new(EmailFailure.Unavailable, 0, $"The mail server {server} could not be reached or broke off the conversation; try again later."),
        };
    }

    private static async Task QuietlyDisconnectAsync(SmtpClient client)
    {
        try
        {
            using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.DisconnectAsync(true, quit.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ProtocolException)
        {
            // The message is already accepted: a QUIT that fails changes nothing.
        }
    }

    /// <summary>The server's 250 text, clipped; servers put queue ids there, never the recipient.</summary>
    private static string Sanitize(string answer, string fallback)
    {
        var clean = new string(answer.Where(c => !char.IsControl(c)).Take(200).ToArray()).Trim();
        return clean.Length == 0 ? fallback : "Accepted by the mail server: " + clean;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail server {Host}:{Port} did not take a message: {Failure} (SMTP {ReplyCode}).")]
    private partial void LogRefused(string host, int port, EmailFailure failure, int replyCode);

    /// <summary>Notes whether any byte of the message went out: a failure after that leaves delivery unknown.</summary>
    private sealed class HandedOver : ITransferProgress
    {
        public bool Started { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Started |= bytesTransferred > 0;

        public void Report(long bytesTransferred) => Started |= bytesTransferred > 0;
    }
}
