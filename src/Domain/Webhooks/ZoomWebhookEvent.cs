using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Webhooks;

/// <summary>
/// One verified Zoom webhook as received, stored before it is acknowledged and processed after. Zoom re-sends an
/// event it thinks was lost with the same body, so the body's hash identifies it: stored once, processed once.
/// </summary>
public sealed class ZoomWebhookEvent
{
    public const int MaxEventTypeLength = 100;

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
    public string? ProcessingNote { get; private set; }

    public static ZoomWebhookEvent Receive(TenantId tenantId, string eventType, string bodyHash, string bodyProtected, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = tenantId,
        EventType = SafeText.Clip(eventType, MaxEventTypeLength),
        BodyHash = bodyHash,
        BodyProtected = bodyProtected,
        ReceivedAtUtc = nowUtc,
    };

    public void MarkProcessed(DateTime nowUtc, string? note = null)
    {
        ProcessedAtUtc = nowUtc;
        ProcessingAttempts++;
        ProcessingNote = note is null ? null : SafeText.Clip(note, 500);
    }

    public void MarkFailedAttempt(string note)
    {
        ProcessingAttempts++;
        ProcessingNote = SafeText.Clip(note, 500);
    }
}
