using System.Text.Json;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.ZoomAccounts.Common;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using EpicZoom.Domain.Webhooks;
using EpicZoom.Domain.ZoomAccounts;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Application.Webhooks.ProcessWebhookEvents;

/// <summary>
/// Turns stored webhooks into visit state and outbox rows: each join/leave of a known person moves their light and
/// writes a NotificationRecord in the same transaction, so a report can never be lost between the two.
/// </summary>
public sealed record ProcessWebhookEventsCommand(int BatchSize = 100) : IRequest<int>;

internal sealed class ProcessWebhookEventsCommandHandler(
    IAppDbContext db, ISecretProtector protector, IWorkSignal signal, TimeProvider clock, ILogger<ProcessWebhookEventsCommandHandler> logger)
    : IRequestHandler<ProcessWebhookEventsCommand, int>
{
    public async Task<int> Handle(ProcessWebhookEventsCommand request, CancellationToken cancellationToken)
    {
        var ids = await db.WebhookEvents.Where(e => e.ProcessedAtUtc == null && e.ProcessingAttempts < 5)
            .OrderBy(e => e.ReceivedAtUtc).Select(e => e.Id).Take(request.BatchSize).ToListAsync(cancellationToken);
        var processed = 0;
        foreach (var id in ids)
        {
            db.DiscardChanges();
            var stored = await db.WebhookEvents.SingleAsync(e => e.Id == id, cancellationToken);
            if (stored.ProcessedAtUtc is not null) continue; // another instance got there first
            try
            {
                var note = await ApplyAsync(stored, cancellationToken);
                stored.MarkProcessed(Now, note);
                await db.SaveChangesAsync(cancellationToken);
                processed++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One odd event must never stop the others: count the failure on it and go on.
                // A concurrent processor wrote the same report (unique sequence), or the body is odd: retry a few times, then leave it visible.
                db.DiscardChanges();
                var again = await db.WebhookEvents.SingleAsync(e => e.Id == id, cancellationToken);
                if (again.ProcessedAtUtc is not null) continue;
                again.MarkFailedAttempt(ex.GetType().Name);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogWarning("Webhook event {EventId} ({EventType}) not processed: {Error}", id, again.EventType, ex.GetType().Name);
            }
        }
        if (processed > 0) signal.Notify(WorkKind.Notifications);
        return processed;
    }

    private async Task<string?> ApplyAsync(ZoomWebhookEvent stored, CancellationToken ct)
    {
        var payload = ZoomEventPayload.Parse(protector.Unprotect(stored.BodyProtected), stored.ReceivedAtUtc);
        if (payload.MeetingId is null) return "no meeting id";
        // Meeting ids are unique within a Zoom account, which several tenants may share: look in all of them.
        var accountId = await db.Tenants.Where(t => t.Id == stored.TenantId).Select(t => t.Zoom.AccountId).SingleAsync(ct);
        var sharing = await db.Tenants.Where(t => t.Zoom.AccountId == accountId).Select(t => t.Id).ToListAsync(ct);
        var visit = await db.VideoVisits.Include(v => v.Participants)
            .SingleOrDefaultAsync(v => sharing.Contains(v.TenantId) && v.ZoomMeetingId == payload.MeetingId, ct);
        if (visit is null) return "no visit for this meeting";
        var at = payload.At ?? Now;

        switch (payload.Event)
        {
            case "meeting.started":
                visit.MarkHostJoined(at);
                return null;
            case "meeting.ended":
                visit.End(at);
                await ExpirePatientAccountsAsync(visit, at, ct);
                return null;
            case "meeting.participant_joined":
                return await ConnectionAsync(visit, payload, ConnectionState.Connected, at, ct);
            case "meeting.participant_left":
                return await ConnectionAsync(visit, payload, ConnectionState.Disconnected, at, ct);
            default:
                return "not reported to Epic";
        }
    }

    private async Task<string?> ConnectionAsync(VideoVisit visit, ZoomEventPayload payload, ConnectionState state, DateTime at, CancellationToken ct)
    {
        var zoomIds = new[] { payload.ParticipantId, payload.ParticipantUserId }.OfType<string>().Where(i => i.Length > 0).ToHashSet();
        var participant = visit.Participants.FirstOrDefault(p => p.ZoomUserId is not null && zoomIds.Contains(p.ZoomUserId));
        if (participant is null) return "participant not from Epic";
        if (!visit.RecordConnection(participant.Id, state, at)) return "no change";

        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == visit.TenantId, ct);
        var codes = tenant.Epic.StatusCodes;
        var idType = participant.Role == ParticipantRole.Patient ? codes.PatientIdType : codes.ProviderIdType;
        var sequence = await db.NotificationRecords.Where(r => r.ParticipantId == participant.Id).Select(r => (long?)r.Sequence).MaxAsync(ct) ?? 0;
        db.NotificationRecords.Add(NotificationRecord.For(visit, participant,
            state == ConnectionState.Connected ? NotificationKind.Connected : NotificationKind.Disconnected,
            idType, state == ConnectionState.Connected ? codes.Connected : codes.Disconnected, at, sequence + 1, Now));
        return null;
    }

    /// <summary>The visit is over: its patients' temporary Zoom users go after the grace period.</summary>
    private async Task ExpirePatientAccountsAsync(VideoVisit visit, DateTime endedAt, CancellationToken ct)
    {
        var prefix = visit.Id + ":";
        var deleteAfter = endedAt + ZoomIdentities.PatientAccountGrace;
        await db.ZoomAccounts.Where(a => a.TenantId == visit.TenantId && a.Kind == ZoomAccountKind.Patient && a.EpicId.StartsWith(prefix))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DeleteAfterUtc, deleteAfter), ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
