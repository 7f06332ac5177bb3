using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Domain.Audit;
using EpicZoom.Domain.Notifications;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Notifications.ReplayNotification;

/// <summary>An admin sends a failed status report again (after fixing the cause); its attempt history stays.</summary>
[Authorize(Roles = AppRoles.Operators)]
public sealed record ReplayNotificationCommand(Guid Id) : IRequest<Unit>;

internal sealed class ReplayNotificationCommandHandler(IAppDbContext db, ICurrentUser user, IWorkSignal signal, TimeProvider clock)
    : IRequestHandler<ReplayNotificationCommand, Unit>
{
    public async Task<Unit> Handle(ReplayNotificationCommand request, CancellationToken cancellationToken)
    {
        var record = await db.NotificationRecords.SingleOrDefaultAsync(r => r.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException(nameof(NotificationRecord), request.Id);
        if (record.Status != NotificationStatus.Failed)
            throw new ValidationException("Id", "Only a failed record can be replayed; this one is " + record.Status + ".");
        if (record.Kind != NotificationKind.DeviceTest
            && await db.NotificationRecords.AnyAsync(r => r.ParticipantId == record.ParticipantId && r.Sequence > record.Sequence
                && r.Kind != NotificationKind.DeviceTest && r.Status == NotificationStatus.Delivered, cancellationToken))
            throw new ValidationException("Id", "A later report for this person was already delivered; replaying this one would show Epic an outdated state.");
        var now = clock.GetUtcNow().UtcDateTime;
        record.Replay(now);
        db.AuditEntries.Add(AuditEntry.Record(now, user.UserName ?? "system", "NotificationReplayed", nameof(NotificationRecord), record.Id.ToString(),
            $"replayed after {record.AttemptCount} attempts (last RespCode {record.LastRespCode})"));
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify(WorkKind.Notifications);
        return Unit.Value;
    }
}
