using System.Text.Json;
using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Zoom.Webhooks;

/// <summary>
/// One attempt to deliver one webhook. <see cref="StatusCode"/> is null when no answer came;
/// <see cref="Error"/> says why an attempt did not count as delivered.
/// </summary>
internal sealed record WebhookDelivery(
    DateTimeOffset Time,
    string Event,
    string AccountId,
    string Url,
    string? MeetingId,
    int Attempt,
    int? StatusCode,
    bool Delivered,
    string? Error,
    JsonElement Payload);

internal sealed class WebhookDeliveryLog(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedLog<WebhookDelivery> deliveries = new(options.Value.MaxStoredItems);

    public Simulator Simulator => Simulator.Zoom;

    public void Add(WebhookDelivery delivery) => deliveries.Add(delivery);

    public IReadOnlyList<WebhookDelivery> Snapshot() => deliveries.Snapshot();

    public void Reset() => deliveries.Clear();
}
