using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Domain.Tenants;
using EpicZoom.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Infrastructure.Tests.External;

/// <summary>EpicZoom's SMTP client (MailKit) against the sandbox's real SMTP server, and against scripted servers for what it cannot show.</summary>
public sealed class MailKitEmailGatewayTests : SandboxTest
{
    private const string Guest = "guest@family.example";

    private static readonly EmailMessage Invitation = new(
        Guest, "Your video visit at Sandbox Hospital", "Join the visit: https://epiczoom.example/t/abc123", "<p>Join the visit: <a href=\"https://epiczoom.example/t/abc123\">open</a></p>");

    private IEmailGateway Gateway => Sandbox.Services.GetRequiredService<IEmailGateway>();

    [Fact]
    public async Task AnAcceptedMessage_ArrivesInTheSandboxInbox_WithBothParts_AndTheSignedInUser()
    {
        var result = await Gateway.SendAsync(await SandboxSmtpAsync(), Invitation, default);

        Assert.True(result.Accepted, result.Message);
        Assert.Equal(250, result.ReplyCode);
        var message = Assert.Single(await InboxAsync(Guest));
        Assert.Equal("Your video visit at Sandbox Hospital", message.GetProperty("subject").GetString());
        Assert.Contains("https://epiczoom.example/t/abc123", message.GetProperty("text").GetString());
        Assert.Contains("<a href=", message.GetProperty("html").GetString());
        Assert.Equal(SandboxDefaults.SmtpUserName, message.GetProperty("authenticatedAs").GetString());
        Assert.Contains(SandboxDefaults.EmailFromAddress, message.GetProperty("from").GetString());
        Assert.DoesNotContain(Guest, result.Message);
    }

    [Fact]
    public async Task AWrongPassword_IsCredentialsRefused_AndNothingArrives()
    {
        var connection = await SandboxSmtpAsync() with { Password = "wrong" };

        var sent = await Gateway.SendAsync(connection, Invitation, default);
        var check = await Gateway.CheckAsync(connection, default);

        Assert.Equal(EmailFailure.CredentialsRefused, sent.Failure);
        Assert.Equal(EmailFailure.CredentialsRefused, check.Failure);
        Assert.Contains("user name and password", sent.Message);
        Assert.Empty(await InboxAsync(null));
    }

    [Fact]
    public async Task NoCredentials_WhereTheServerRequiresThem_IsCredentialsRefused()
    {
        var connection = await SandboxSmtpAsync() with { UserName = null, Password = null };

        var sent = await Gateway.SendAsync(connection, Invitation, default);

        Assert.Equal(EmailFailure.CredentialsRefused, sent.Failure);
        Assert.Empty(await InboxAsync(null));
    }

    [Theory]
    [InlineData("nobody@" + "refused.example", EmailFailure.RecipientRefused, 550)]
    [InlineData("someone@" + "busy.example", EmailFailure.Busy, 450)]
    public async Task ARecipientTheServerRefuses_IsClassifiedByItsReplyCode(string address, EmailFailure failure, int replyCode)
    {
        var result = await Gateway.SendAsync(await SandboxSmtpAsync(), Invitation with { ToAddress = address }, default);

        Assert.Equal(failure, result.Failure);
        Assert.Equal(replyCode, result.ReplyCode);
        Assert.DoesNotContain(address, result.Message);
        Assert.Empty(await InboxAsync(null));
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("")]
    [InlineData("a@b.example\r\nBcc: victim@evil.example")]
    public async Task AnAddressThatIsNotOne_IsRefusedBeforeConnecting(string address)
    {
        var result = await Gateway.SendAsync(await SandboxSmtpAsync(), Invitation with { ToAddress = address }, default);

        Assert.Equal(EmailFailure.RecipientRefused, result.Failure);
        Assert.Equal(0, result.ReplyCode);
        Assert.Empty(await InboxAsync(null));
    }

    [Fact]
    public async Task ASubjectWithLineBreaks_CannotAddHeaders()
    {
        var result = await Gateway.SendAsync(await SandboxSmtpAsync(), Invitation with { Subject = "Visit\r\nBcc: victim@evil.example" }, default);

        Assert.True(result.Accepted, result.Message);
        var message = Assert.Single(await InboxAsync(null));
        Assert.Equal([Guest], message.GetProperty("envelopeTo").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task StartTls_AgainstAServerWithoutIt_IsATlsFailure_NamingTheFix()
    {
        var connection = await SandboxSmtpAsync() with { Tls = EmailTlsMode.StartTls };

        var result = await Gateway.CheckAsync(connection, default);

        Assert.Equal(EmailFailure.TlsFailed, result.Failure);
        Assert.Contains("STARTTLS", result.Message);
    }

    [Fact]
    public async Task AClosedPort_IsUnavailable_SayingNothingListens()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var result = await Gateway.SendAsync(await SandboxSmtpAsync() with { Port = port }, Invitation, default);

        Assert.Equal(EmailFailure.Unavailable, result.Failure);
        Assert.Contains("Nothing accepts connections", result.Message);
    }

    [Fact]
    public async Task TheCheck_ConnectsAndSignsIn_WithoutSending()
    {
        var result = await Gateway.CheckAsync(await SandboxSmtpAsync(), default);

        Assert.True(result.Accepted, result.Message);
        Assert.Contains("signed in", result.Message);
        Assert.Empty(await InboxAsync(null));
    }

    [Fact]
    public async Task AConnectionThatBreaksAfterTheMessageWentOut_IsUnconfirmed_NotRetried()
    {
        await using var server = await ScriptedSmtpServer.StartAsync(closeAfterData: true);
        var connection = new EmailConnection("127.0.0.1", server.Port, EmailTlsMode.None, null, null, SandboxDefaults.EmailFromAddress, "Sandbox Hospital");

        var result = await Gateway.SendAsync(connection, Invitation, default);

        Assert.Equal(EmailFailure.Unconfirmed, result.Failure);
        Assert.Contains("may have been delivered", result.Message);
        Assert.Equal(1, server.DataCommands);
    }

    [Fact]
    public async Task AServerThatRefusesTheMessageAfterData_IsARefusal_NotUnconfirmed()
    {
        await using var server = await ScriptedSmtpServer.StartAsync(closeAfterData: false);
        var connection = new EmailConnection("127.0.0.1", server.Port, EmailTlsMode.None, null, null, SandboxDefaults.EmailFromAddress, "Sandbox Hospital");

        var result = await Gateway.SendAsync(connection, Invitation, default);

        Assert.Equal(EmailFailure.RecipientRefused, result.Failure);
        Assert.Equal(554, result.ReplyCode);
        Assert.Equal(1, server.DataCommands);
    }

    private async Task<EmailConnection> SandboxSmtpAsync()
    {
        var server = await Sandbox.Client.GetFromJsonAsync<JsonElement>("/sandbox/email/_test/server");
        return new EmailConnection(
            server.GetProperty("host").GetString()!, server.GetProperty("port").GetInt32(), EmailTlsMode.None,
            server.GetProperty("userName").GetString(), server.GetProperty("password").GetString(), SandboxDefaults.EmailFromAddress, "Sandbox Hospital");
    }

    private async Task<List<JsonElement>> InboxAsync(string? to) =>
        (await Sandbox.Client.GetFromJsonAsync<JsonElement>("/sandbox/email/_test/messages" + (to is null ? "" : "?to=" + Uri.EscapeDataString(to))))
        .EnumerateArray().ToList();

    /// <summary>
    /// Speaks just enough SMTP to take a message, then either drops the connection before confirming it (the case where
    /// delivery is unknown) or refuses it with 554.
    /// </summary>
    private sealed class ScriptedSmtpServer : IAsyncDisposable
    {
        private readonly TcpListener listener;
        private readonly CancellationTokenSource stop = new();
        private readonly Task serving;
        private int dataCommands;

        private ScriptedSmtpServer(bool closeAfterData)
        {
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            serving = ServeAsync(closeAfterData);
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public int DataCommands => Volatile.Read(ref dataCommands);

        public static Task<ScriptedSmtpServer> StartAsync(bool closeAfterData) => Task.FromResult(new ScriptedSmtpServer(closeAfterData));

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            try
            {
                await serving;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            stop.Dispose();
        }

        private async Task ServeAsync(bool closeAfterData)
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            async Task Say(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), stop.Token);
            await Say("220 scripted ESMTP");
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase)) await Say("250 scripted");
                else if (line.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase) || line.StartsWith("RCPT", StringComparison.OrdinalIgnoreCase)) await Say("250 OK");
                else if (line.StartsWith("DATA", StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref dataCommands);
                    await Say("354 go ahead");
                    while (await reader.ReadLineAsync(stop.Token) is { } body && body != ".")
                    {
                    }

                    if (closeAfterData) return;
                    await Say("554 Message rejected");
                }
                else if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase))
                {
                    await Say("221 bye");
                    return;
                }
                else await Say("250 OK");
            }
        }
    }
}
