using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Sms.Replies;

/// <summary>
/// One message a phone sent to an account's number, with what it did: <see cref="OptOutType"/>
/// is STOP, START or HELP for a keyword, <see cref="OptedOut"/> the pair's state afterwards, and
/// the inbound webhook's answer (<see cref="WebhookStatus"/> null when none came or none was sent).
/// </summary>
internal sealed record SmsReply(
    DateTimeOffset Time,
    string Sid,
    string AccountSid,
    string From,
    string To,
    string Body,
    string? OptOutType,
    bool OptedOut,
    string? WebhookUrl,
    int? WebhookStatus,
    string? WebhookError);

internal sealed class SmsReplyLog(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedLog<SmsReply> replies = new(options.Value.MaxStoredItems);

    public Simulator Simulator => Simulator.Sms;

    public void Add(SmsReply reply) => replies.Add(reply);

    /// <summary>Newest first, optionally only those from one phone.</summary>
    public IReadOnlyList<SmsReply> Recent(string? from = null) =>
        replies.Snapshot().Reverse().Where(r => from is null || r.From == from).ToList();

    public void Reset() => replies.Clear();
}
