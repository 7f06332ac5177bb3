using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace EpicZoom.Sandbox.Tests.Email;

/// <summary>The sandbox SMTP server as any SMTP client sees it (MailKit here), and the inbox page a person reads.</summary>
public sealed class EmailInboxTests
{
    [Fact]
    public async Task AMessageSentOverSmtp_IsOnTheInboxPage_Encoded_WithLinksClickable()
    {
        await using var host = await SandboxHost.StartAsync();
        await SendAsync(host, "guest@family.example", "<b>Visit</b>", "<script>alert(1)</script> Join: https://epiczoom.example/t/abc?x=1&y=2.",
            "<p onclick=\"alert(1)\">Join</p><script>alert(2)</script>");

        var html = await host.Client.GetStringAsync("/sandbox/email");

        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;b&gt;Visit&lt;/b&gt;", html);
        Assert.Contains("""<a href="https://epiczoom.example/t/abc?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">""", html);
        Assert.Contains("guest@family.example", html);
        Assert.Contains("width=device-width", html);
    }

    [Fact]
    public async Task TheHtmlPart_IsServedUnderACspThatForbidsScripts()
    {
        await using var host = await SandboxHost.StartAsync();
        await SendAsync(host, "guest@family.example", "Visit", "text", "<p>Join</p><script>alert(2)</script>");
        var id = (await MessagesAsync(host, "guest@family.example")).Single().GetProperty("id").GetString()!;

        using var response = await host.Client.GetAsync($"/sandbox/email/messages/{id}/html");
        using var missing = await host.Client.GetAsync("/sandbox/email/messages/nope/html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("sandbox", csp);
        Assert.Contains("default-src 'none'", csp);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task WithoutSigningIn_TheServerRefusesToRelay()
    {
        await using var host = await SandboxHost.StartAsync();
        var server = await ServerAsync(host);
        using var client = new SmtpClient();
        await client.ConnectAsync(server.GetProperty("host").GetString()!, server.GetProperty("port").GetInt32(), SecureSocketOptions.None);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(Message("guest@family.example", "s", "t", null)));

        Assert.True(refused is SmtpCommandException or ServiceNotAuthenticatedException, refused.GetType().Name);
        Assert.Empty(await MessagesAsync(host, null));
    }

    [Fact]
    public async Task FilterAndReset_ShowOneAddress_ThenNothing()
    {
        await using var host = await SandboxHost.StartAsync();
        await SendAsync(host, "one@family.example", "first", "text", null);
        await SendAsync(host, "two@family.example", "second", "text", null);

        var filtered = await MessagesAsync(host, "ONE@family.example");
        using var reset = await host.Client.PostAsync("/sandbox/email/_test/reset", null);

        Assert.Equal("first", Assert.Single(filtered).GetProperty("subject").GetString());
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(await MessagesAsync(host, null));
        Assert.Contains("No e-mails yet", await host.Client.GetStringAsync("/sandbox/email?to=%0d%0a"));
    }

    private static async Task SendAsync(SandboxHost host, string to, string subject, string text, string? html)
    {
        var server = await ServerAsync(host);
        using var client = new SmtpClient();
        await client.ConnectAsync(server.GetProperty("host").GetString()!, server.GetProperty("port").GetInt32(), SecureSocketOptions.None);
        await client.AuthenticateAsync(server.GetProperty("userName").GetString()!, server.GetProperty("password").GetString()!);
        await client.SendAsync(Message(to, subject, text, html));
        await client.DisconnectAsync(true);
    }

    private static MimeMessage Message(string to, string subject, string text, string? html)
    {
        var message = new MimeMessage { Subject = subject, Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse(SandboxDefaults.EmailFromAddress));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    private static async Task<JsonElement> ServerAsync(SandboxHost host) =>
        await host.Client.GetFromJsonAsync<JsonElement>("/sandbox/email/_test/server");

    private static async Task<List<JsonElement>> MessagesAsync(SandboxHost host, string? to) =>
        (await host.Client.GetFromJsonAsync<JsonElement>("/sandbox/email/_test/messages" + (to is null ? "" : "?to=" + Uri.EscapeDataString(to))))
        .EnumerateArray().ToList();
}
