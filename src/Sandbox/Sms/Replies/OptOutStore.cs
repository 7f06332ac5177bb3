using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Sms.Replies;

/// <summary>
/// Who said STOP to which number. Twilio blocks per pair: a phone that unsubscribed from one
/// sender number still gets messages from the account's other numbers.
/// </summary>
internal sealed class OptOutStore(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedStore<string, DateTimeOffset> optedOut = new(options.Value.MaxStoredItems, StringComparer.Ordinal);

    public Simulator Simulator => Simulator.Sms;

    public void OptOut(string phone, string senderNumber, DateTimeOffset at) => optedOut.Set(Key(phone, senderNumber), at);

    public void OptIn(string phone, string senderNumber) => optedOut.Remove(Key(phone, senderNumber));

    public bool IsOptedOut(string phone, string senderNumber) => optedOut.TryGet(Key(phone, senderNumber), out _);

    public void Reset() => optedOut.Clear();

    private static string Key(string phone, string senderNumber) => phone + "\n" + senderNumber;
}
