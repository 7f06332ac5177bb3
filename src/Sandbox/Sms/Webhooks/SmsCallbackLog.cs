using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Sms.Webhooks;

/// <summary>Which webhook a <see cref="SmsCallback"/> was.</summary>
internal static class SmsCallbackKinds
{
    /// <summary>A message's StatusCallback (sent, delivered, undelivered).</summary>
    public const string Status = "status";

    /// <summary>A reply POSTed to the account's inbound URL ("A message comes in").</summary>
    public const string Inbound = "inbound";
}

/// <summary>
/// One webhook the simulator POSTed. <see cref="StatusCode"/> is null when no answer came;
/// <see cref="Error"/> says why it did not count as delivered. Twilio does not retry either kind.
/// </summary>
internal sealed record SmsCallback(
    DateTimeOffset Time,
    string Kind,
    string Url,
    string MessageSid,
    string? MessageStatus,
    int? StatusCode,
    string? Error);

internal sealed class SmsCallbackLog(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedLog<SmsCallback> callbacks = new(options.Value.MaxStoredItems);

    public Simulator Simulator => Simulator.Sms;

    public void Add(SmsCallback callback) => callbacks.Add(callback);

    public IReadOnlyList<SmsCallback> Snapshot() => callbacks.Snapshot();

    public void Reset() => callbacks.Clear();
}
