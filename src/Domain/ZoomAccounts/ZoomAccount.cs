using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.ZoomAccounts;

public enum ZoomAccountKind
{
    /// <summary>Auto-created for a provider without their own Zoom user; reused for their later visits.</summary>
    Provider,

    /// <summary>A patient's temporary identity for one visit, removed after the visit plus a grace period.</summary>
    Patient,
}

/// <summary>A Zoom user EpicZoom created (or found, for useProviderZoomAccount) for an Epic person of a tenant.</summary>
public sealed class ZoomAccount
{
    private ZoomAccount()
    {
        EpicId = "";
        ZoomUserId = "";
        Email = "";
    }

    public Guid Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public ZoomAccountKind Kind { get; private set; }
    public string EpicId { get; private set; }
    public string ZoomUserId { get; private set; }
    public string Email { get; private set; }

    /// <summary>False when the provider's own existing Zoom user was borrowed: EpicZoom never deletes those.</summary>
    public bool CreatedByEpicZoom { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? DeleteAfterUtc { get; private set; }

    public DateTime? RelinkedAtUtc { get; private set; }

    /// <summary>
    /// The Zoom user behind this record is gone (a Zoom admin deleted it): EpicZoom now uses <paramref name="zoomUserId"/>,
    /// found again by the record's e-mail or created anew with it. Only for users EpicZoom created.
    /// </summary>
    public void Relink(string zoomUserId, string email, DateTime nowUtc)
    {
        if (!CreatedByEpicZoom)
            throw new DomainRuleViolationException("RelinkOwnAccountsOnly", "Only a Zoom user EpicZoom created can be replaced; a provider's own account is looked up by e-mail.");
        if (string.IsNullOrWhiteSpace(zoomUserId))
            throw new DomainRuleViolationException("ZoomAccountIdentified", "A Zoom account record needs the Zoom user id.");
        ZoomUserId = zoomUserId;
        Email = email;
        RelinkedAtUtc = nowUtc;
    }

    public static ZoomAccount Record(TenantId tenantId, ZoomAccountKind kind, string epicId, string zoomUserId, string email,
        bool createdByEpicZoom, DateTime nowUtc, DateTime? deleteAfterUtc = null)
    {
        if (string.IsNullOrWhiteSpace(epicId) || string.IsNullOrWhiteSpace(zoomUserId))
            throw new DomainRuleViolationException("ZoomAccountIdentified", "A Zoom account record needs the Epic id and the Zoom user id.");
        if (kind == ZoomAccountKind.Patient && deleteAfterUtc is null)
            throw new DomainRuleViolationException("PatientAccountsExpire", "A patient's temporary Zoom account must have a removal time.");
        return new ZoomAccount
        {
            Id = Guid.NewGuid(), TenantId = tenantId, Kind = kind, EpicId = epicId, ZoomUserId = zoomUserId, Email = email,
            CreatedByEpicZoom = createdByEpicZoom, CreatedAtUtc = nowUtc, DeleteAfterUtc = deleteAfterUtc,
        };
    }
}
