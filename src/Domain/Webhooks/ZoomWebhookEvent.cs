using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Webhooks;

/// <summary>
/// One verified Zoom webhook as received, stored before it is acknowledged and processed after. Zoom re-sends an
/// event it thinks was lost with the same body, so the body's hash identifies it: stored once, processed once.
/// Zoom was told "received", so the event is never dropped: it ends processed (perhaps with a note saying what in it
/// could not be used) or, when processing keeps failing, needing an admin's attention with the reason.
/// </summary>
public sealed class ZoomWebhookEvent
{
    public const int MaxEventTypeLength = 100;
    public const int MaxNoteLength = 500;

    /// <summary>A W3C traceparent is 55 characters ("00-{32 hex}-{16 hex}-{2 hex}").</summary>
    public const int MaxTraceParentLength = 55;

    /// <summary>Attempts before the event stops being retried and waits for an admin ("Process again").</summary>
    public const int MaxProcessingAttempts = 5;

    private ZoomWebhookEvent()
    {
        EventType = "";
        BodyHash = "";
        BodyProtected = "";
    }

    public Guid Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public string EventType { get; private set; }
    public string BodyHash { get; private set; }

    /// <summary>The raw JSON, encrypted: it names participants.</summary>
    public string BodyProtected { get; private set; }
    public DateTime ReceivedAtUtc { get; private set; }
    public DateTime? ProcessedAtUtc { get; private set; }
    public int ProcessingAttempts { get; private set; }

    /// <summary>Why processing did nothing or what it could not read (processed), or the last failure (not processed).</summary>
    public string? ProcessingNote { get; private set; }

    /// <summary>When a failed attempt is next retried; null when due now.</summary>
    public DateTime? NextAttemptAtUtc { get; private set; }

    /// <summary>Set when processing gave up; <see cref="ProcessingNote"/> says why. Cleared by <see cref="ProcessAgain"/>.</summary>
    public DateTime? NeedsAttentionSinceUtc { get; private set; }

    public bool NeedsAttention => NeedsAttentionSinceUtc is not null;

    /// <summary>The W3C traceparent of the request that received the event, so its processing links back to it (no data).</summary>
    public string? TraceParent { get; private set; }

    public static ZoomWebhookEvent Receive(TenantId tenantId, string eventType, string bodyHash, string bodyProtected, DateTime nowUtc, string? traceParent = null)
    {
        if (string.IsNullOrEmpty(eventType) || eventType.Length > MaxEventTypeLength)
            throw new DomainRuleViolationException("EventTypeBounded", $"A webhook event needs its type (1 to {MaxEventTypeLength} characters).");
        return new ZoomWebhookEvent
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            EventType = eventType,
            BodyHash = bodyHash,
            BodyProtected = bodyProtected,
            ReceivedAtUtc = nowUtc,
            TraceParent = traceParent is { Length: > 0 and <= MaxTraceParentLength } ? traceParent : null,
        };
    }

    /// <summary>Retries after a failure: 2 s, 8 s, 32 s, 128 s; then the event needs attention.</summary>
    public static TimeSpan RetryDelay(int failedAttempts) => TimeSpan.FromSeconds(Math.Pow(4, Math.Clamp(failedAttempts, 1, MaxProcessingAttempts)) / 2);

    public void MarkProcessed(DateTime nowUtc, string? note = null)
    {
        if (ProcessedAtUtc is not null)
            throw new DomainRuleViolationException("ProcessedOnce", "This webhook event was already processed.");
        ProcessedAtUtc = nowUtc;
        ProcessingAttempts++;
        ProcessingNote = note is null ? null : SafeText.Clip(note, MaxNoteLength);
        NextAttemptAtUtc = null;
        NeedsAttentionSinceUtc = null;
    }

    /// <summary>
    /// Processing failed with <paramref name="reason"/> (no PHI: an exception type, a field name). Retried after
    /// <see cref="RetryDelay"/>; after <see cref="MaxProcessingAttempts"/> the event needs attention instead.
    /// </summary>
    public void RecordFailure(string reason, DateTime nowUtc)
    {
        if (ProcessedAtUtc is not null)
            throw new DomainRuleViolationException("ProcessedOnce", "This webhook event was already processed.");
        if (NeedsAttention)
            throw new DomainRuleViolationException("NoRetryWhileNeedingAttention", "This webhook event waits for an admin to process it again.");
        ProcessingAttempts++;
        ProcessingNote = SafeText.Clip(reason, MaxNoteLength);
        if (ProcessingAttempts >= MaxProcessingAttempts)
        {
            NeedsAttentionSinceUtc = nowUtc;
            NextAttemptAtUtc = null;
        }
        else
        {
            NextAttemptAtUtc = nowUtc + RetryDelay(ProcessingAttempts);
        }
    }

    /// <summary>An admin asks for another round of attempts (e.g. after fixing the tenant); the last reason stays until the next attempt.</summary>
    public void ProcessAgain(DateTime nowUtc)
    {
        if (!NeedsAttention)
            throw new DomainRuleViolationException("ProcessAgainNeedsAttentionOnly", "Only an event that needs attention can be processed again.");
        NeedsAttentionSinceUtc = null;
        ProcessingAttempts = 0;
        NextAttemptAtUtc = nowUtc;
    }

}
