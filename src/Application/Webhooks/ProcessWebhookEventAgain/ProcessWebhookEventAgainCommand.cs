using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Domain.Audit;
using EpicZoom.Domain.Webhooks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Webhooks.ProcessWebhookEventAgain;

/// <summary>An admin gives a webhook event that needs attention another round of attempts (after fixing the cause).</summary>
[Authorize(Roles = AppRoles.Operators)]
public sealed record ProcessWebhookEventAgainCommand(Guid Id) : IRequest<Unit>;

internal sealed class ProcessWebhookEventAgainCommandHandler(IAppDbContext db, ICurrentUser user, IWorkSignal signal, TimeProvider clock)
    : IRequestHandler<ProcessWebhookEventAgainCommand, Unit>
{
    public async Task<Unit> Handle(ProcessWebhookEventAgainCommand request, CancellationToken cancellationToken)
    {
        var stored = await db.WebhookEvents.SingleOrDefaultAsync(e => e.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException(nameof(ZoomWebhookEvent), request.Id);
        if (!stored.NeedsAttention)
            throw new ValidationException("Id", stored.ProcessedAtUtc is null
                ? "This event is still being processed; it does not need attention."
                : "This event was processed; there is nothing to do again.");
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = stored.ProcessingAttempts;
        stored.ProcessAgain(now);
        db.AuditEntries.Add(AuditEntry.Record(now, user.UserName ?? "system", "WebhookEventProcessAgain", nameof(ZoomWebhookEvent), stored.Id.ToString(),
            $"{stored.EventType} processed again after {attempts} failed attempts"));
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify(WorkKind.WebhookEvents);
        return Unit.Value;
    }
}
