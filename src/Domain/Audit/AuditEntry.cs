using EpicZoom.Domain.Common;
namespace EpicZoom.Domain.Audit;

/// <summary>
/// One admin change: who did what to which record, and when. Carries field names, never values, so no secret
/// or PHI can end up in the audit trail.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxSummaryLength = 2000;

    private AuditEntry()
    {
        Actor = "";
        Action = "";
        EntityType = "";
        EntityId = "";
        Summary = "";
    }

    public Guid Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string Actor { get; private set; }
    public string Action { get; private set; }
    public string EntityType { get; private set; }
    public string EntityId { get; private set; }
    public string Summary { get; private set; }

    public static AuditEntry Record(DateTime atUtc, string actor, string action, string entityType, string entityId, string summary) => new()
    {
        Id = Guid.NewGuid(),
        AtUtc = atUtc,
        Actor = string.IsNullOrWhiteSpace(actor) ? "system" : actor,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Summary = SafeText.Clip(summary, MaxSummaryLength),
    };
}
