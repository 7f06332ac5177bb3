using EpicZoom.Domain.Webhooks;

namespace EpicZoom.Application.Common.Interfaces;

public enum InboxOutcome
{
    Stored,

    /// <summary>The unique index (tenant, body hash) already held this delivery: a re-delivery, stored before.</summary>
    Duplicate,
}

/// <summary>
/// Where verified webhooks are stored before the ack. The implementation commits many waiting events in one
/// transaction (group commit); the returned task completes only once that commit is durable, and faults when the
/// commit failed (the caller must not acknowledge, so that Zoom delivers again).
/// </summary>
public interface IWebhookInbox
{
    /// <summary>Cancelling stops the wait, not the write: an event already handed over is still stored.</summary>
    Task<InboxOutcome> AcceptAsync(ZoomWebhookEvent webhookEvent, CancellationToken cancellationToken);
}
