using System.Globalization;
using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Sms.Messages;
using EpicZoom.Sandbox.Sms.Webhooks;

namespace EpicZoom.Sandbox.Sms.Replies;

/// <summary>
/// A phone texting an account's number: Twilio applies STOP/START itself, then POSTs the message
/// to the number's inbound URL, signed, with OptOutType set for keywords (Advanced Opt-Out).
/// </summary>
internal sealed class SmsReplies(OptOutStore optOuts, SmsReplyLog log, SmsWebhookSender sender, TimeProvider time)
{
    public async Task<SmsReply> ReceiveAsync(SandboxSmsAccount account, string from, string body, CancellationToken cancellationToken)
    {
        var optOutType = OptOutKeywords.Classify(body);
        if (optOutType == OptOutKeywords.Stop)
        {
            optOuts.OptOut(from, account.FromNumber, time.GetUtcNow());
        }
        else if (optOutType == OptOutKeywords.Start)
        {
            optOuts.OptIn(from, account.FromNumber);
        }

        var sid = RandomIds.TwilioSid("SM");
        var url = string.IsNullOrEmpty(account.InboundUrl) ? null : account.InboundUrl;
        var result = url is null
            ? null
            : await sender.PostAsync(SmsCallbackKinds.Inbound, url, account.AuthToken, InboundForm(sid, account, from, body, optOutType), sid, "received", cancellationToken);
        var reply = new SmsReply(
            time.GetUtcNow(), sid, account.AccountSid, from, account.FromNumber, body, optOutType,
            optOuts.IsOptedOut(from, account.FromNumber), url, result?.StatusCode, result?.Error);
        log.Add(reply);
        return reply;
    }

    /// <summary>What Twilio POSTs when "A message comes in" (the location fields it adds are left out).</summary>
    private static List<KeyValuePair<string, string>> InboundForm(string sid, SandboxSmsAccount account, string from, string body, string? optOutType)
    {
        List<KeyValuePair<string, string>> form =
        [
            new("MessageSid", sid),
            new("SmsMessageSid", sid),
            new("SmsSid", sid),
            new("AccountSid", account.AccountSid),
            new("From", from),
            new("To", account.FromNumber),
            new("Body", body),
            new("NumMedia", "0"),
            new("NumSegments", SmsSegments.Count(body).ToString(CultureInfo.InvariantCulture)),
            new("SmsStatus", "received"),
            new("ApiVersion", SmsMessageResource.ApiVersionPath),
        ];
        if (optOutType is not null)
        {
            form.Add(new("OptOutType", optOutType));
        }

        return form;
    }
}
