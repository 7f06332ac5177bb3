using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Sms.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Sms.Messages;

/// <summary>
/// Plays the carrier after a 201: queued, then sent, then delivered (or undelivered for
/// <see cref="SendRules.UndeliverableNumber"/>), one <see cref="SandboxOptions.SmsDeliveryDelay"/>
/// apart, posting the message's StatusCallback at each step. Runs in the background, never in
/// the request; a reset cancels what is still on its way.
/// </summary>
internal sealed partial class SmsDeliverySimulator(
    SmsMessageStore store,
    SmsWebhookSender sender,
    TimeProvider time,
    IOptions<SandboxOptions> options,
    ILogger<SmsDeliverySimulator> logger) : ISandboxState, IDisposable
{
    /// <summary>Twilio's "Unreachable destination handset".</summary>
    public const int UnreachableCode = 30003;

    public const string UnreachableMessage = "Unreachable destination handset";

    // Replaced, not disposed, on reset: a send racing the reset may still read the old token.
    private CancellationTokenSource generation = new();

    public Simulator Simulator => Simulator.Sms;

    public void Start(SmsMessage message, SandboxSmsAccount account)
    {
        var cancellation = Volatile.Read(ref generation).Token;
        _ = Task.Run(() => RunAsync(message.Sid, account.AuthToken, cancellation), CancellationToken.None);
    }

    public void Reset() => Interlocked.Exchange(ref generation, new CancellationTokenSource()).Cancel();

    public void Dispose() => Volatile.Read(ref generation).Cancel();

    private async Task RunAsync(string sid, string authToken, CancellationToken cancellation)
    {
        try
        {
            var delay = options.Value.SmsDeliveryDelay;
            await Task.Delay(delay, time, cancellation);
            await AdvanceAsync(sid, authToken, Sent, cancellation);
            await Task.Delay(delay, time, cancellation);
            await AdvanceAsync(sid, authToken, Finish, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Reset or shutdown: the message is gone with the state it belonged to.
        }
        catch (Exception ex)
        {
            LogDeliveryFailed(ex, sid);
        }
    }

    private async Task AdvanceAsync(string sid, string authToken, Func<SmsMessage, DateTimeOffset, SmsMessage> change, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        if (cancellation.IsCancellationRequested || store.Update(sid, m => change(m, now) with { UpdatedAt = now }) is not { } message)
        {
            return;
        }

        if (message.StatusCallback is { } url)
        {
            await sender.PostAsync(SmsCallbackKinds.Status, url, authToken, StatusCallbackForm(message), message.Sid, message.Status, cancellation);
        }
    }

    private static SmsMessage Sent(SmsMessage message, DateTimeOffset now) =>
        message with { Status = SmsStatuses.Sent, SentAt = now };

    private static SmsMessage Finish(SmsMessage message, DateTimeOffset now) =>
        message.To == SendRules.UndeliverableNumber
            ? message with { Status = SmsStatuses.Undelivered, ErrorCode = UnreachableCode, ErrorMessage = UnreachableMessage }
            : message with { Status = SmsStatuses.Delivered };

    /// <summary>The form Twilio POSTs to a StatusCallback; ErrorCode is empty unless the message failed.</summary>
    private static List<KeyValuePair<string, string>> StatusCallbackForm(SmsMessage message) =>
    [
        new("MessageSid", message.Sid),
        new("SmsSid", message.Sid),
        new("AccountSid", message.AccountSid),
        new("From", message.From),
        new("To", message.To),
        new("MessageStatus", message.Status),
        new("SmsStatus", message.Status),
        new("ErrorCode", message.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        new("ApiVersion", SmsMessageResource.ApiVersionPath),
    ];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox SMS: simulating delivery of {MessageSid} failed.")]
    private partial void LogDeliveryFailed(Exception exception, string messageSid);
}
