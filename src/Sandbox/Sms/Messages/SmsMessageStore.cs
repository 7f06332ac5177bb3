using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Sms.Messages;

/// <summary>Every outbound send, accepted or refused, keyed by sid; the oldest go first beyond the cap.</summary>
internal sealed class SmsMessageStore(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedStore<string, SmsMessage> messages = new(options.Value.MaxStoredItems, StringComparer.Ordinal);

    public Simulator Simulator => Simulator.Sms;

    public void Add(SmsMessage message) => messages.Set(message.Sid, message);

    /// <summary>A message the account created; refused sends do not exist at Twilio.</summary>
    public SmsMessage? Find(string accountSid, string sid) =>
        messages.TryGet(sid, out var message) && message.AccountSid == accountSid && !message.Refused ? message : null;

    /// <summary>Moves a message on; null when it is gone (reset, or pushed out by newer ones).</summary>
    public SmsMessage? Update(string sid, Func<SmsMessage, SmsMessage> change) =>
        messages.TryUpdate(sid, change, out var updated) ? updated : null;

    /// <summary>Newest first, optionally only those to one number.</summary>
    public IReadOnlyList<SmsMessage> Recent(string? to = null) =>
        messages.Values().Reverse().Where(m => to is null || m.To == to).ToList();

    public void Reset() => messages.Clear();
}
