using System.Globalization;
using System.Threading.Channels;
using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Zoom.Meetings;

namespace EpicZoom.Sandbox.Zoom.Webhooks;

/// <summary>A webhook waiting to go out. <see cref="Generation"/> ties it to the state it came from.</summary>
internal sealed record WebhookWork(
    string AccountId,
    string Url,
    string SecretToken,
    string Event,
    string? MeetingId,
    byte[] Body,
    int Attempt,
    int Generation);

/// <summary>
/// Hands webhooks to the background sender, so a page or API call never waits for the
/// receiver. A reset starts a new generation: work queued before it is dropped, not sent.
/// </summary>
internal sealed class WebhookQueue : ISandboxState
{
    // Bounded like every other store: if the sender falls this far behind, the oldest webhooks
    // go, much as Zoom drops events a receiver never took.
    private const int Capacity = 10_000;

    private readonly Channel<WebhookWork> channel = Channel.CreateBounded<WebhookWork>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false });

    private int generation;

    public Simulator Simulator => Simulator.Zoom;

    public ChannelReader<WebhookWork> Reader => channel.Reader;

    /// <summary>Queues the events in order; an account without a webhook URL gets none.</summary>
    public void Publish(SandboxZoomAccount account, IEnumerable<MeetingEvent> events)
    {
        if (string.IsNullOrEmpty(account.WebhookUrl))
        {
            return;
        }

        foreach (var e in events)
        {
            channel.Writer.TryWrite(new WebhookWork(
                account.AccountId,
                account.WebhookUrl,
                account.WebhookSecretToken,
                e.Name,
                e.Meeting.Id.ToString(CultureInfo.InvariantCulture),
                WebhookPayloads.Meeting(account.AccountId, e),
                1,
                Volatile.Read(ref generation)));
        }
    }

    /// <summary>Queues a ready-made body (the test API's events of any type, with or without account_id).</summary>
    public void PublishRaw(SandboxZoomAccount account, string eventName, byte[] body)
    {
        if (!string.IsNullOrEmpty(account.WebhookUrl))
        {
            channel.Writer.TryWrite(new WebhookWork(account.AccountId, account.WebhookUrl, account.WebhookSecretToken, eventName, null, body, 1, Volatile.Read(ref generation)));
        }
    }

    public void Retry(WebhookWork work) => channel.Writer.TryWrite(work);

    public bool IsCurrent(WebhookWork work) => work.Generation == Volatile.Read(ref generation);

    public void Reset() => Interlocked.Increment(ref generation);
}
