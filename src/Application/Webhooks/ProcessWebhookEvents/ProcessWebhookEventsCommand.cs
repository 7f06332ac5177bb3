using System.Diagnostics;
using System.Text;
using EpicZoom.Application.Common.Diagnostics;
using EpicZoom.Application.Webhooks.Common;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Notifications.Common;
using EpicZoom.Application.ZoomAccounts.Common;
using EpicZoom.Domain.Common;
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
/// Turns stored webhooks into visit state and outbox rows: each join/leave of a known person's Zoom session updates
/// the person and, when their state over all sessions changed, writes a NotificationRecord in the same transaction,
/// so a report can never be lost between the two. An event that cannot be used ends processed with a note; one whose
/// processing keeps failing ends needing attention (the rule is <see cref="ZoomWebhookEvent.RecordFailure"/>).
/// </summary>
public sealed record ProcessWebhookEventsCommand(int BatchSize = 100) : IRequest<int>, IBackgroundRequest;

internal sealed class ProcessWebhookEventsCommandHandler(
    IAppDbContext db, IWebhookBodyCipher bodyCipher, IWorkSignal signal, NotificationSettings settings, TimeProvider clock,
    EpicZoomMetrics metrics, ILogger<ProcessWebhookEventsCommandHandler> logger)
    : IRequestHandler<ProcessWebhookEventsCommand, int>
{
    private const string Left = ZoomEventNames.ParticipantLeft;
    private const string Worker = "webhook_processing";

    // Per batch (this handler lives for one command): what is per tenant, and each person's next sequence number.
    private readonly Dictionary<TenantId, IReadOnlyList<TenantId>> sharingAccount = [];
    private readonly Dictionary<TenantId, EpicStatusCodes> statusCodes = [];
    private readonly Dictionary<Guid, long> lastSequence = [];

    // Read ahead for a whole batch (ReadAheadAsync): each event's parsed body, and the visit of each meeting (null: none).
    private readonly Dictionary<Guid, ZoomEvent> parsed = [];
    private readonly Dictionary<(string Sharing, long MeetingId), VideoVisit?> visitsByMeeting = [];

    public async Task<int> Handle(ProcessWebhookEventsCommand request, CancellationToken cancellationToken)
    {
        var now = Now;
        var settled = now - settings.LeaveSettle;
        var started = Stopwatch.GetTimestamp();
        var batch = await DueBatchAsync(now, settled, request.BatchSize, cancellationToken);
        var query = Stopwatch.GetElapsedTime(started);
        var processed = batch.Count == 0 ? 0
            : await ApplyBatchAsync(batch, query, cancellationToken) ?? await ApplyOneByOneAsync(batch.Select(e => e.Id).ToList(), cancellationToken);
        if (processed > 0) signal.Notify(WorkKind.Notifications);
        if (batch.Count < request.BatchSize) await WakeWhenNextLeaveSettlesAsync(settled, cancellationToken);
        return processed;
    }

    /// <summary>
    /// The first <paramref name="take"/> events in the order they became due: an event is due when it arrives, a leave
    /// once it has settled (<see cref="NotificationSettings.LeaveSettle"/> after it arrived). So a join that arrived
    /// after a leave but before the leave settled is applied first — a reconnect is one unbroken stay — whether the
    /// processor keeps up or is seconds behind; ordered by arrival instead, a processor that fell behind would apply
    /// both in arrival order and flash the light grey in Hyperspace, and settled leaves would queue ahead of newer joins.
    /// One read by arrival: when it is not full it holds every event due, sorted here. When it is full (a backlog), a
    /// join that arrived after all of them may still be due before a leave among them, so the leaves and the rest are
    /// read apart, each in arrival order (which is its due order), and merged.
    /// </summary>
    private async Task<List<ZoomWebhookEvent>> DueBatchAsync(DateTime now, DateTime settled, int take, CancellationToken ct)
    {
        var pending = db.WebhookEvents.Where(e => e.ProcessedAtUtc == null && e.NeedsAttentionSinceUtc == null
            && (e.NextAttemptAtUtc == null || e.NextAttemptAtUtc <= now));
        var read = await pending.Where(e => e.EventType != Left || e.ReceivedAtUtc <= settled).OrderBy(e => e.ReceivedAtUtc).Take(take).ToListAsync(ct);
        if (read.Count == take)
        {
            // Tracked queries hand back the instances already read for the same rows.
            var others = await pending.Where(e => e.EventType != Left).OrderBy(e => e.ReceivedAtUtc).Take(take).ToListAsync(ct);
            var leaves = await pending.Where(e => e.EventType == Left && e.ReceivedAtUtc <= settled).OrderBy(e => e.ReceivedAtUtc).Take(take).ToListAsync(ct);
            read = [.. read.Concat(others).Concat(leaves).Distinct()];
        }
        var batch = read.OrderBy(DueAt).ThenBy(e => e.ReceivedAtUtc).ThenBy(e => e.Id).ToList();
        // Those read but not taken are left to the next batch untracked, as if never read.
        foreach (var later in batch.Skip(take)) db.WebhookEvents.Entry(later).State = EntityState.Detached;
        return batch.Take(take).ToList();
    }

    private DateTime DueAt(ZoomWebhookEvent stored) => stored.EventType == Left ? stored.ReceivedAtUtc + settings.LeaveSettle : stored.ReceivedAtUtc;

    /// <summary>A held leave is applied the moment it settles, not at the worker's next poll.</summary>
    private async Task WakeWhenNextLeaveSettlesAsync(DateTime settled, CancellationToken ct)
    {
        var held = await db.WebhookEvents.Where(e => e.ProcessedAtUtc == null && e.NeedsAttentionSinceUtc == null && e.EventType == Left && e.ReceivedAtUtc > settled)
            .MinAsync(e => (DateTime?)e.ReceivedAtUtc, ct);
        if (held is { } first) signal.NotifyAt(WorkKind.WebhookEvents, first + settings.LeaveSettle);
    }

    /// <summary>
    /// The whole batch in due order (<see cref="DueBatchAsync"/>) and one commit; events of one visit therefore apply in order, and a visit
    /// touched twice is the same tracked instance. Null when any event fails or the commit is refused: the caller then
    /// applies the batch one by one, so one odd event cannot hold up the others and gets its failure counted alone.
    /// </summary>
    private async Task<int?> ApplyBatchAsync(List<ZoomWebhookEvent> batch, TimeSpan query, CancellationToken ct)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            await ReadAheadAsync(batch, ct);
            var readAhead = Stopwatch.GetElapsedTime(started);
            foreach (var stored in batch) stored.MarkProcessed(Now, await ApplyAsync(stored, ct));
            var apply = Stopwatch.GetElapsedTime(started) - readAhead;
            await db.SaveChangesAsync(ct);
            metrics.WorkBatch(Worker, "batch", batch.Count,
                ("query", query), ("read_ahead", readAhead), ("apply", apply), ("commit", Stopwatch.GetElapsedTime(started) - readAhead - apply));
            return batch.Count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug("A batch of {Count} webhook events failed ({Reason}); applying them one by one", batch.Count, Reason(ex));
            Discard();
            return null;
        }
    }

    private async Task<int> ApplyOneByOneAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var processed = 0;
        foreach (var id in ids)
        {
            Discard();
            var stored = await db.WebhookEvents.SingleAsync(e => e.Id == id, cancellationToken);
            if (stored.ProcessedAtUtc is not null || stored.NeedsAttention) continue; // another instance got there first
            try
            {
                var note = await ApplyAsync(stored, cancellationToken);
                stored.MarkProcessed(Now, note);
                await db.SaveChangesAsync(cancellationToken);
                processed++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One odd event must never stop the others: count the failure on it and go on. A concurrent processor
                // changed the same person (version check, unique sequence) and a retry will see its change.
                Discard();
                var again = await db.WebhookEvents.SingleAsync(e => e.Id == id, cancellationToken);
                if (again.ProcessedAtUtc is not null || again.NeedsAttention) continue;
                again.RecordFailure(Reason(ex), Now);
                await db.SaveChangesAsync(cancellationToken);
                if (again.NeedsAttention)
                    logger.LogWarning("Webhook event {EventId} ({EventType}) needs attention after {Attempts} attempts: {Reason}",
                        id, again.EventType, again.ProcessingAttempts, again.ProcessingNote);
                else
                    logger.LogInformation("Webhook event {EventId} ({EventType}) not processed, will retry: {Reason}", id, again.EventType, again.ProcessingNote);
            }
        }
        metrics.WorkBatch(Worker, "one_by_one", ids.Count, ("apply", Stopwatch.GetElapsedTime(started)));
        return processed;
    }

    /// <summary>Drops unsaved changes, the sequence numbers that counted on them and what was read ahead with them.</summary>
    private void Discard()
    {
        db.DiscardChanges();
        lastSequence.Clear();
        parsed.Clear();
        visitsByMeeting.Clear();
    }

    /// <summary>
    /// Reads what the batch's events need in a few queries instead of a few per event: the bodies, the visits of all
    /// their meetings with their people and the sessions that can decide a light (open ones and those the batch's
    /// events name), and each of those people's last report number. The events are then applied in order in memory.
    /// A body that cannot be read is left to <see cref="ApplyAsync"/>, which records why.
    /// </summary>
    private async Task ReadAheadAsync(List<ZoomWebhookEvent> batch, CancellationToken ct)
    {
        var meetings = new List<(TenantId Tenant, long MeetingId, string? SessionKey)>();
        foreach (var stored in batch)
        {
            ZoomEvent zoomEvent;
            try
            {
                zoomEvent = ZoomWebhookParser.Parse(bodyCipher.Unprotect(stored.TenantId, stored.BodyHash, stored.BodyProtected));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                continue;
            }
            parsed[stored.Id] = zoomEvent;
            if (zoomEvent is ZoomMeetingStarted or ZoomMeetingEnded or ZoomParticipantJoined or ZoomParticipantLeft
                && ((ZoomMeetingEvent)zoomEvent).MeetingId is { } meetingId)
                meetings.Add((stored.TenantId, meetingId,
                    zoomEvent is ZoomParticipantEvent participantEvent ? ParticipantSession.KeyFor(participantEvent.Participant?.SessionKey ?? "") : null));
        }

        foreach (var group in meetings.GroupBy(m => m.Tenant))
        {
            var sharing = await SharingAccountAsync(group.Key, ct);
            var sharingKey = SharingKey(sharing);
            var meetingIds = group.Select(m => m.MeetingId).Where(id => !visitsByMeeting.ContainsKey((sharingKey, id))).Distinct().ToList();
            if (meetingIds.Count == 0) continue;
            var visits = await VisitsAsync(sharing, meetingIds, group.Select(m => m.SessionKey).OfType<string>().Distinct().ToList(), ct);
            foreach (var id in meetingIds) visitsByMeeting[(sharingKey, id)] = visits.SingleOrDefault(v => v.ZoomMeetingId == id);

            var people = visits.SelectMany(v => v.Participants).Select(p => p.Id).Where(id => !lastSequence.ContainsKey(id)).ToList();
            if (people.Count == 0) continue;
            var last = await db.NotificationRecords.Where(r => people.Contains(r.ParticipantId))
                .GroupBy(r => r.ParticipantId).Select(g => new { g.Key, Sequence = g.Max(r => r.Sequence) }).ToListAsync(ct);
            foreach (var id in people) lastSequence[id] = 0;
            foreach (var person in last) lastSequence[person.Key] = person.Sequence;
        }
    }

    private async Task<IReadOnlyList<TenantId>> SharingAccountAsync(TenantId tenantId, CancellationToken ct)
    {
        if (sharingAccount.TryGetValue(tenantId, out var sharing)) return sharing;
        // Meeting ids are unique within a Zoom account, which several tenants may share: look in all of them.
        var accountId = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Zoom.AccountId).SingleAsync(ct);
        return sharingAccount[tenantId] = await db.Tenants.Where(t => t.Zoom.AccountId == accountId).Select(t => t.Id).ToListAsync(ct);
    }

    private static string SharingKey(IReadOnlyList<TenantId> sharing) => string.Join(",", sharing.Select(t => t.Value).Order());

    private async Task<string?> ApplyAsync(ZoomWebhookEvent stored, CancellationToken ct)
    {
        // A trace of its own, linked to the request that received the event; the reports it writes link to this span.
        using var activity = EpicZoomTelemetry.StartLinked("zoom.webhook process", [stored.TraceParent]);
        activity?.SetTag(EpicZoomTelemetry.TenantTag, stored.TenantId.Value.ToString());
        activity?.SetTag(EpicZoomTelemetry.WebhookEventTag, stored.Id.ToString());
        activity?.SetTag(EpicZoomTelemetry.EventTypeTag, stored.EventType);
        try
        {
            var zoomEvent = parsed.TryGetValue(stored.Id, out var ready) ? ready
                : ZoomWebhookParser.Parse(bodyCipher.Unprotect(stored.TenantId, stored.BodyHash, stored.BodyProtected));
            var outcome = await ActAsync(stored, zoomEvent, ct);
            var notes = zoomEvent.Notes.Prepend(outcome).OfType<string>().ToList();
            activity?.SetTag(EpicZoomTelemetry.OutcomeTag, outcome is null ? "applied" : "noted");
            return notes.Count == 0 ? null : string.Join("; ", notes);
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    private async Task<string?> ActAsync(ZoomWebhookEvent stored, ZoomEvent zoomEvent, CancellationToken ct)
    {
        switch (zoomEvent)
        {
            case NotAZoomEvent { IsJson: false }:
                return "the body is not JSON";
            case ZoomBreakoutRoomJoined or ZoomBreakoutRoomLeft:
                // Zoom also sends the main-room leave and join of the move; the person never left the visit.
                return "breakout room: the person stays in the visit";
            case not (ZoomMeetingStarted or ZoomMeetingEnded or ZoomParticipantJoined or ZoomParticipantLeft):
                return "not reported to Epic";
        }
        var meetingEvent = (ZoomMeetingEvent)zoomEvent;
        if (meetingEvent.MeetingId is not { } meetingId) return "no meeting id";
        var sharing = await SharingAccountAsync(stored.TenantId, ct);
        var eventKeys = meetingEvent is ZoomParticipantEvent { Participant: { } named } ? [ParticipantSession.KeyFor(named.SessionKey ?? "")] : new List<string>();
        var visit = visitsByMeeting.TryGetValue((SharingKey(sharing), meetingId), out var readAhead) ? readAhead
            : (await VisitsAsync(sharing, [meetingId], eventKeys, ct)).SingleOrDefault();
        if (visit is null) return "no visit for this meeting";
        var time = meetingEvent.At;
        var at = time ?? stored.ReceivedAtUtc;

        switch (meetingEvent)
        {
            case ZoomMeetingStarted:
                visit.MarkHostJoined(at);
                return time is null ? "no event time: the time received was used" : null;
            case ZoomMeetingEnded:
                visit.End(at);
                await ExpirePatientAccountsAsync(visit, at, ct);
                return time is null ? "no event time: the time received was used" : null;
            case ZoomParticipantEvent participantEvent:
                // A join or leave at an unknown time cannot be ordered against the others: better no report than a wrong one.
                if (time is null) return "no event time: not applied";
                return await SessionAsync(visit, participantEvent, at, ct);
            default:
                return "not reported to Epic";
        }
    }

    /// <summary>
    /// The visits of these meetings with their people and the sessions that decide a state: those that may be in (no
    /// leave, or a join at or after it) and those the events name (<paramref name="sessionKeys"/>). A visit's closed
    /// sessions grow with every rejoin and never change a state again unless an event names them
    /// (<see cref="ParticipantSession.IsIn"/>), so they are not read: an event costs what the people in the visit
    /// cost, not its history. Reading a visit again in the same batch adds what the new filter finds to the tracked ones.
    /// </summary>
    private Task<List<VideoVisit>> VisitsAsync(IReadOnlyList<TenantId> sharing, List<long> meetingIds, List<string> sessionKeys, CancellationToken ct) =>
        db.VideoVisits.Where(v => sharing.Contains(v.TenantId) && v.ZoomMeetingId != null && meetingIds.Contains(v.ZoomMeetingId.Value))
            .Include(v => v.Participants)
            .ThenInclude(p => p.Sessions.Where(s => sessionKeys.Contains(s.Key) || s.LastLeftAtUtc == null || (s.LastJoinedAtUtc != null && s.LastJoinedAtUtc >= s.LastLeftAtUtc)))
            .ToListAsync(ct);

    private async Task<string?> SessionAsync(VideoVisit visit, ZoomParticipantEvent zoomEvent, DateTime at, CancellationToken ct)
    {
        if (zoomEvent.Participant is not { } zoomParticipant) return "no participant";
        var left = zoomEvent is ZoomParticipantLeft;
        if (left && zoomParticipant.LeaveReason is { } reason && IsRoomMove(reason)) return "moved between rooms: the person stays in the visit";

        var participant = await ParticipantMatcher.MatchAsync(visit, zoomParticipant, email => ZoomUsersWithEmailAsync(visit, email, ct));
        if (participant is null) return "participant not from Epic";
        var changed = left
            ? visit.RecordSession(participant.Id, zoomParticipant.SessionKey ?? "", zoomParticipant.JoinTime, at)
            : visit.RecordSession(participant.Id, zoomParticipant.SessionKey ?? "", at, null);
        if (!changed) return "no change";
        // A guest's light changes (the state above), but Epic hears only of the people it sent: never a record for a guest.
        if (participant.Role == ParticipantRole.Guest) return "guest: not reported to Epic";

        if (!statusCodes.TryGetValue(visit.TenantId, out var codes))
            statusCodes[visit.TenantId] = codes = (await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == visit.TenantId, ct)).Epic.StatusCodes;
        var idType = participant.Role == ParticipantRole.Patient ? codes.PatientIdType : codes.ProviderIdType;
        var connected = participant.State == ConnectionState.Connected;
        // The person's last number once per batch; later records of the batch count on from it (a concurrent processor
        // taking the same number is refused by the unique index, and the event is retried).
        if (!lastSequence.TryGetValue(participant.Id, out var sequence))
            sequence = await db.NotificationRecords.Where(r => r.ParticipantId == participant.Id).Select(r => (long?)r.Sequence).MaxAsync(ct) ?? 0;
        lastSequence[participant.Id] = sequence + 1;
        var record = NotificationRecord.For(visit, participant, connected ? NotificationKind.Connected : NotificationKind.Disconnected,
            idType, connected ? codes.Connected : codes.Disconnected, at, sequence + 1, Now);
        record.TraceFrom(EpicZoomTelemetry.CurrentTraceParent());
        db.NotificationRecords.Add(record);
        return null;
    }

    /// <summary>"…left the meeting to join breakout room." and "…leave breakout room to join main meeting": a move, not a leave.</summary>
    private static bool IsRoomMove(string leaveReason) =>
        leaveReason.Contains("join breakout room", StringComparison.OrdinalIgnoreCase)
        || leaveReason.Contains("join main meeting", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Zoom users EpicZoom created or borrowed for this visit's people that have this e-mail.</summary>
    private async Task<IReadOnlyCollection<string>> ZoomUsersWithEmailAsync(VideoVisit visit, string email, CancellationToken ct)
    {
        var zoomUserIds = visit.Participants.Select(p => p.ZoomUserId).OfType<string>().ToList();
        var accounts = await db.ZoomAccounts.AsNoTracking().Where(a => a.TenantId == visit.TenantId && zoomUserIds.Contains(a.ZoomUserId))
            .Select(a => new { a.ZoomUserId, a.Email }).ToListAsync(ct);
        return accounts.Where(a => string.Equals(a.Email, email.Trim(), StringComparison.OrdinalIgnoreCase)).Select(a => a.ZoomUserId).ToList();
    }

    /// <summary>
    /// The visit is over: its patients' temporary Zoom users go after the grace period. This update commits at once, not
    /// with the batch; it only sets a date derived from the event, so when the batch is then refused and applied one by
    /// one it is written again with the same value.
    /// </summary>
    private async Task ExpirePatientAccountsAsync(VideoVisit visit, DateTime endedAt, CancellationToken ct)
    {
        var prefix = visit.Id + ":";
        var deleteAfter = endedAt + ZoomIdentities.PatientAccountGrace;
        await db.ZoomAccounts.Where(a => a.TenantId == visit.TenantId && a.Kind == ZoomAccountKind.Patient && a.EpicId.StartsWith(prefix))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DeleteAfterUtc, deleteAfter), ct);
    }

    /// <summary>What the admin sees on "Webhook events": the kind of failure, never data from the body.</summary>
    private static string Reason(Exception ex) => ex switch
    {
        DomainRuleViolationException rule => $"rule {rule.Rule} refused the change",
        DbUpdateConcurrencyException => "another processor changed the same person at the same time",
        DbUpdateException => "the database refused the change (" + (ex.InnerException?.GetType().Name ?? ex.GetType().Name) + ")",
        System.Security.Cryptography.CryptographicException => "the stored body cannot be decrypted (was the key ring replaced?)",
        _ => ex.GetType().Name,
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
