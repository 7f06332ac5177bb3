using System.Globalization;
using System.Text;
using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Sms.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static EpicZoom.Sandbox.Common.Html;

namespace EpicZoom.Sandbox.Email;

/// <summary>A received message as the "_test" API shows it.</summary>
internal sealed record TestEmailView(
    string Id, DateTimeOffset ReceivedAt, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, string From, string Subject, string? Text, string? Html,
    string? AuthenticatedAs);

/// <summary>Where EpicZoom (or a test) reaches the sandbox SMTP server.</summary>
internal sealed record TestSmtpServerView(string Host, int Port, string UserName, string Password, string TlsMode);

/// <summary>
/// Everything under /sandbox/email: the inbox page a person reads the simulated e-mails on (phone-sized, newest first),
/// each message's HTML part on its own locked-down page, and the "_test" API.
/// </summary>
internal static class EmailEndpoints
{
    public const string InboxPath = "/sandbox/email";

    private const int MaxRows = 200;

    public static void MapEmailSimulator(this RouteGroupBuilder root)
    {
        var email = root.MapGroup("/email");
        email.MapGet("", Inbox);
        email.MapGet("/messages/{id}/html", HtmlPart);
        var test = email.MapGroup("/_test");
        test.MapGet("/server", async (SandboxSmtpServer server, Microsoft.Extensions.Options.IOptions<SandboxOptions> sandbox) =>
        {
            var port = await server.ListeningAsync.WaitAsync(TimeSpan.FromSeconds(10));
            return SandboxJson.Result(new TestSmtpServerView(server.Host, port, sandbox.Value.SmtpUserName, sandbox.Value.SmtpPassword, "None"),
                SandboxJsonContext.Default.TestSmtpServerView);
        });
        test.MapGet("/messages", (string? to, EmailStore store) =>
            SandboxJson.Result(store.Recent(Clean(to)).Select(View).ToList(), SandboxJsonContext.Default.IReadOnlyListTestEmailView));
        test.MapGet("/refusals", (EmailStore store) =>
            SandboxJson.Result(store.RecentRefusals(), SandboxJsonContext.Default.IReadOnlyListSandboxEmailRefusal));
        test.MapResetEndpoint(Simulator.Email);
    }

    private static IResult Inbox(HttpContext http, string? to, EmailStore store, SandboxSmtpServer server)
    {
        var filter = Clean(to);
        var self = http.Request.PathBase + InboxPath;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <p>E-mails sent to the sandbox SMTP server (<code>{E(server.Host)}:{server.Port}</code>, no TLS, AUTH with the sandbox credentials), newest first.
            Nothing here reaches a real mailbox. <a href="{E(self + (filter is null ? "" : "?to=" + Uri.EscapeDataString(filter)))}">Refresh</a></p>
            <form method="get" action="{E(self)}"><label>Only address <input name="to" type="email" value="{E(filter)}" placeholder="guest@example.org"></label>
            <button type="submit">Filter</button>{(filter is null ? "" : $" <a href=\"{E(self)}\">Show all</a>")}</form>
            """);
        var messages = store.Recent(filter).Take(MaxRows).ToList();
        if (messages.Count == 0)
        {
            body.Append("<p>No e-mails yet.</p>");
        }

        foreach (var message in messages)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <article class="email" style="border:1px solid #ccc;border-radius:6px;padding:.6rem;margin:.6rem 0;max-width:40rem">
                <p class="muted">{E(message.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))} UTC · to {E(string.Join(", ", message.EnvelopeTo))}</p>
                <p><strong>{E(message.Subject)}</strong><br><span class="muted">from {E(message.From)}</span></p>
                <div style="white-space:pre-wrap;overflow-wrap:anywhere">{MessageText.ToHtml(message.Text ?? "(no plain-text part)")}</div>
                {(message.Html is null ? "" : $"<p><a href=\"{E(self + "/messages/" + Uri.EscapeDataString(message.Id) + "/html")}\" target=\"_blank\" rel=\"noopener\">HTML version</a></p>")}
                </article>
                """);
        }

        var refusals = store.RecentRefusals().Take(20).ToList();
        if (refusals.Count > 0)
        {
            body.Append("<h2>Refused</h2><table><tr><th>Time (UTC)</th><th>Stage</th><th>Address or user</th><th>Reply</th></tr>");
            foreach (var refusal in refusals)
            {
                body.Append(CultureInfo.InvariantCulture, $"""
                    <tr><td>{E(refusal.Time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture))}</td><td>{E(refusal.Stage)}</td>
                    <td>{E(refusal.Address)}</td><td>{refusal.ReplyCode} {E(refusal.Reason)}</td></tr>
                    """);
            }

            body.Append("</table>");
        }

        return Page("E-mail inbox", body.ToString());
    }

    /// <summary>The HTML part as sent, under a CSP that forbids scripts, forms and remote content: the sender chooses it.</summary>
    private static IResult HtmlPart(HttpContext http, string id, EmailStore store)
    {
        if (store.Find(id) is not { Html: { } html })
        {
            return Error("No such e-mail", "This e-mail is not in the sandbox inbox (it may have been reset), or it has no HTML part.", StatusCodes.Status404NotFound);
        }

        http.Response.Headers.ContentSecurityPolicy = "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string? Clean(string? address) =>
        string.IsNullOrWhiteSpace(address) || address.Length > 254 || address.Any(char.IsControl) ? null : address.Trim();

    private static TestEmailView View(SandboxEmail m) =>
        new(m.Id, m.ReceivedAt, m.EnvelopeFrom, m.EnvelopeTo, m.From, m.Subject, m.Text, m.Html, m.AuthenticatedAs);
}
