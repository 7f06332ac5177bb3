using System.Buffers;
using System.Net;
using System.Net.Sockets;
using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace EpicZoom.Sandbox.Email;

/// <summary>
/// A real SMTP server on loopback (the SmtpServer library) that keeps what it receives in <see cref="EmailStore"/> for
/// the inbox page, instead of relaying it anywhere. It asks for AUTH PLAIN/LOGIN with the sandbox credentials
/// (Sandbox:SmtpUserName / Sandbox:SmtpPassword) and no TLS, as a relay inside a hospital network might; addresses at
/// <c>refused.example</c> are refused with 550 and at <c>busy.example</c> with 450, so a client's error handling can
/// be seen without a real server. Port: Sandbox:SmtpPort, or a free one when 0 (<see cref="Port"/> says which).
/// </summary>
internal sealed partial class SandboxSmtpServer(IOptions<SandboxOptions> options, EmailStore store, TimeProvider clock, ILogger<SandboxSmtpServer> logger)
    : BackgroundService, ISandboxSmtp
{
    public const string RefusedDomain = "refused.example";
    public const string BusyDomain = "busy.example";

    /// <summary>Largest message accepted (SIZE); a visit invitation is a few kilobytes.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    private readonly TaskCompletionSource<int> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Host => IPAddress.Loopback.ToString();

    /// <summary>The port it listens on, once it does (0 before).</summary>
    public int Port => listening.Task.IsCompletedSuccessfully ? listening.Task.Result : 0;

    /// <summary>Completes with the port once the server accepts connections.</summary>
    public Task<int> ListeningAsync => listening.Task;

    public async Task<SandboxSmtpEndpoint> EndpointAsync(CancellationToken cancellationToken)
    {
        var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return new SandboxSmtpEndpoint(Host, port, options.Value.SmtpUserName, options.Value.SmtpPassword);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sandbox = options.Value;
        var port = sandbox.SmtpPort is > 0 and var configured ? configured : FreeLoopbackPort();
        var serverOptions = new SmtpServerOptionsBuilder()
            .ServerName("sandbox-smtp.epiczoom.invalid")
            .MaxMessageSize(MaxMessageBytes)
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, port))
                .AuthenticationRequired(true)
                .AllowUnsecureAuthentication(true)
                .SessionTimeout(TimeSpan.FromSeconds(30)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Authenticator(sandbox, store, clock));
        services.Add(new RecipientRules(store, clock));
        services.Add(new Store(store, clock));
        var server = new SmtpServer.SmtpServer(serverOptions, services);
        try
        {
            var running = server.StartAsync(stoppingToken);
            await WaitUntilListeningAsync(port, stoppingToken);
            listening.TrySetResult(port);
            LogListening(port);
            await running;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            listening.TrySetException(ex);
            LogCouldNotListen(port, ex.Message);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task WaitUntilListeningAsync(int port, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20, cancellationToken);
            }
        }

        throw new IOException($"The sandbox SMTP server did not start listening on port {port}.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox SMTP server listening on 127.0.0.1:{Port}")]
    private partial void LogListening(int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox SMTP server could not listen on 127.0.0.1:{Port}: {Reason}")]
    private partial void LogCouldNotListen(int port, string reason);

    private sealed class Authenticator(SandboxOptions sandbox, EmailStore store, TimeProvider clock) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
        {
            var ok = string.Equals(user, sandbox.SmtpUserName, StringComparison.Ordinal)
                && CryptographicEquals(password, sandbox.SmtpPassword);
            if (!ok) store.Refused(new SandboxEmailRefusal(clock.GetUtcNow(), "AUTH", SafeName(user), 535, "Authentication credentials invalid"));
            return Task.FromResult(ok);
        }

        private static bool CryptographicEquals(string a, string b) =>
            System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

        private static string SafeName(string user) => user.Length > 64 ? user[..64] : user;
    }

    private sealed class RecipientRules(EmailStore store, TimeProvider clock) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = to.AsAddress();
            if (string.Equals(to.Host, BusyDomain, StringComparison.OrdinalIgnoreCase))
            {
                store.Refused(new SandboxEmailRefusal(clock.GetUtcNow(), "RCPT", address, 450, "Mailbox busy, try again later"));
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)450, "Mailbox busy, try again later"));
            }

            if (string.Equals(to.Host, RefusedDomain, StringComparison.OrdinalIgnoreCase))
            {
                store.Refused(new SandboxEmailRefusal(clock.GetUtcNow(), "RCPT", address, 550, "No such mailbox"));
                return Task.FromResult(false);
            }

            return Task.FromResult(true);
        }
    }

    private sealed class Store(EmailStore store, TimeProvider clock) : IMessageStore
    {
        public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream((int)Math.Min(buffer.Length, MaxMessageBytes));
            foreach (var segment in buffer) await stream.WriteAsync(segment, cancellationToken);
            stream.Position = 0;
            MimeMessage message;
            try
            {
                message = await MimeMessage.LoadAsync(stream, cancellationToken);
            }
            catch (FormatException)
            {
                return new SmtpResponse(SmtpReplyCode.SyntaxError, "The message is not MIME");
            }

            store.Add(new SandboxEmail(
                RandomIds.Alphanumeric(16),
                clock.GetUtcNow(),
                transaction.From.AsAddress(),
                transaction.To.Select(t => t.AsAddress()).ToList(),
                message.From.ToString(),
                message.Subject ?? "",
                message.TextBody,
                message.HtmlBody,
                (int)buffer.Length,
                context.Authentication.User));
            return SmtpResponse.Ok;
        }
    }
}
