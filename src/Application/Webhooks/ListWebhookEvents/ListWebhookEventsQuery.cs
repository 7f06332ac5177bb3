using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Webhooks.ListWebhookEvents;

/// <summary>The stored webhook events that need an admin's attention (processing gave up), newest first; never their bodies.</summary>
[Authorize(Roles = AppRoles.Everyone)]
public sealed record ListWebhookEventsQuery(int Take = 200) : IRequest<WebhookEventsDto>;

public sealed record WebhookEventsDto(IReadOnlyList<WebhookEventDto> NeedingAttention, int WaitingCount);

public sealed record WebhookEventDto(Guid Id, string EventType, Guid TenantId, string TenantName, DateTime ReceivedAtUtc,
    DateTime NeedsAttentionSinceUtc, int Attempts, string Reason);

internal sealed class ListWebhookEventsQueryHandler(IAppDbContext db) : IRequestHandler<ListWebhookEventsQuery, WebhookEventsDto>
{
    public async Task<WebhookEventsDto> Handle(ListWebhookEventsQuery request, CancellationToken cancellationToken)
    {
        var events = await db.WebhookEvents.AsNoTracking().Where(e => e.NeedsAttentionSinceUtc != null)
            .OrderByDescending(e => e.NeedsAttentionSinceUtc).Take(Math.Clamp(request.Take, 1, 1000))
            .Select(e => new { e.Id, e.EventType, e.TenantId, e.ReceivedAtUtc, Since = e.NeedsAttentionSinceUtc!.Value, e.ProcessingAttempts, e.ProcessingNote })
            .ToListAsync(cancellationToken);
        var waiting = await db.WebhookEvents.CountAsync(e => e.ProcessedAtUtc == null && e.NeedsAttentionSinceUtc == null, cancellationToken);
        var names = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return new WebhookEventsDto(
            events.Select(e => new WebhookEventDto(e.Id, e.EventType, e.TenantId.Value, names.GetValueOrDefault(e.TenantId, "(deleted)"),
                e.ReceivedAtUtc, e.Since, e.ProcessingAttempts, e.ProcessingNote ?? "")).ToList(),
            waiting);
    }
}
