using System.Globalization;
using System.Text;
using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Sms.Messages;
using EpicZoom.Sandbox.Sms.Replies;
using Microsoft.AspNetCore.Http;
using static EpicZoom.Sandbox.Common.Html;

namespace EpicZoom.Sandbox.Sms.Inbox;

/// <summary>
/// Every phone's texts in one place, newest first: what was sent (or refused, and why), what the
/// phones answered, and a form per phone to answer as it. No auto-refresh, so a reply being typed
/// is never lost; the Refresh link reloads.
/// </summary>
internal static class InboxPage
{
    public const string Path = "/sandbox/sms";

    private const int MaxRows = 200;

    private sealed record Row(DateTimeOffset Time, bool Inbound, string To, string From, string Status, string Body);

    public static IResult Render(
        HttpContext http, string? to, SandboxUrls urls, SmsAccountRegistry accounts, SmsMessageStore messages, SmsReplyLog replies, OptOutStore optOuts)
    {
        var filter = PhoneNumbers.FromQuery(to);
        var sent = messages.Recent(filter);
        var received = replies.Recent(filter);
        var self = http.Request.PathBase + Path;

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <p>Texts sent through the SMS simulator (a Twilio look-alike at <code>{E(urls.SmsBase)}</code>) and the phones' replies, newest first.
            Nothing here reaches a real phone. <a href="{E(self + (filter is null ? "" : "?to=" + Uri.EscapeDataString(filter)))}">Refresh</a></p>
            <form method="get" action="{E(self)}"><label>Only phone <input name="to" value="{E(filter)}" placeholder="+15551234567"></label>
            <button type="submit">Filter</button>{(filter is null ? "" : $" <a href=\"{E(self)}\">Show all</a>")}</form>
            """);
        AppendPhones(body, self, filter, sent, received, optOuts);
        AppendMessages(body, sent, received);
        AppendAccounts(body, accounts.All(urls));
        return Page("SMS inbox", body.ToString());
    }

    private static void AppendPhones(
        StringBuilder body, string self, string? filter, IReadOnlyList<SmsMessage> sent, IReadOnlyList<SmsReply> received, OptOutStore optOuts)
    {
        var phones = sent.Select(m => (Time: m.CreatedAt, Phone: m.To, Number: m.From))
            .Concat(received.Select(r => (r.Time, Phone: r.From, Number: r.To)))
            .OrderByDescending(p => p.Time)
            .Select(p => (p.Phone, p.Number))
            .Where(p => PhoneNumbers.IsE164(p.Phone))
            .Distinct()
            .ToList();
        if (phones.Count == 0)
        {
            return;
        }

        body.Append("<h2>Phones</h2><table><tr><th>Phone</th><th>Texted by</th><th>Subscribed</th><th>Reply as this phone</th></tr>");
        foreach (var (phone, number) in phones)
        {
            var subscribed = !optOuts.IsOptedOut(phone, number);
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{E(phone)}</td><td>{E(number)}</td>
                <td><span class="light {(subscribed ? "on" : "off")}"></span>{(subscribed ? "yes" : "no (replied STOP)")}</td>
                <td><form method="post" action="{E(self + "/inbox/reply")}">
                <input type="hidden" name="to" value="{E(number)}"><input type="hidden" name="from" value="{E(phone)}">
                <input type="hidden" name="filter" value="{E(filter)}">
                <input name="body" value="STOP" aria-label="Reply from {E(phone)}"><button type="submit">Reply</button></form></td></tr>
                """);
        }

        body.Append("</table>");
    }

    private static void AppendMessages(StringBuilder body, IReadOnlyList<SmsMessage> sent, IReadOnlyList<SmsReply> received)
    {
        var rows = sent.Select(Outbound).Concat(received.Select(Inbound)).OrderByDescending(r => r.Time).Take(MaxRows).ToList();
        body.Append("<h2>Messages</h2>");
        if (rows.Count == 0)
        {
            body.Append("<p>No messages yet.</p>");
            return;
        }

        body.Append("<table><tr><th>Time (UTC)</th><th></th><th>To</th><th>From</th><th>Status</th><th>Body</th></tr>");
        foreach (var row in rows)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{E(row.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}</td>
                <td class="muted">{(row.Inbound ? "reply" : "sent")}</td><td>{E(row.To)}</td><td>{E(row.From)}</td><td>{E(row.Status)}</td>
                <td style="white-space:pre-wrap">{MessageText.ToHtml(row.Body)}</td></tr>
                """);
        }

        body.Append("</table>");
    }

    private static void AppendAccounts(StringBuilder body, IReadOnlyList<SandboxSmsAccount> accounts)
    {
        body.Append("<h2>Accounts</h2><table><tr><th>Account SID</th><th>Number</th><th>Replies go to</th></tr>");
        foreach (var account in accounts)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr><td><code>{E(account.AccountSid)}</code></td><td>{E(account.FromNumber)}</td><td>{E(account.InboundUrl ?? "(nowhere)")}</td></tr>
                """);
        }

        body.Append("</table>");
    }

    private static Row Outbound(SmsMessage message) => new(
        message.CreatedAt,
        false,
        message.To,
        message.From,
        message.ErrorCode is { } code ? $"{message.Status} (error {code}: {message.ErrorMessage})" : message.Status,
        message.Body);

    private static Row Inbound(SmsReply reply) => new(
        reply.Time,
        true,
        reply.To,
        reply.From,
        (reply.OptOutType is { } type ? $"received ({type})" : "received")
            + (reply.WebhookUrl is null ? "" : reply.WebhookStatus is { } status ? $", webhook HTTP {status}" : $", webhook failed: {reply.WebhookError}"),
        reply.Body);
}
