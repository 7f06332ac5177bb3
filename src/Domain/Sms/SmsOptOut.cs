using EpicZoom.Domain.Tenants;

namespace EpicZoom.Domain.Sms;

/// <summary>A number that replied STOP to the tenant's SMS number: nothing is sent to it until it replies START.</summary>
public sealed class SmsOptOut
{
    private SmsOptOut()
    {
        NumberHash = "";
        NumberMasked = "";
    }

    public TenantId TenantId { get; private set; }
    public string NumberHash { get; private set; }
    public string NumberMasked { get; private set; }
    public DateTime OptedOutAtUtc { get; private set; }

    public static SmsOptOut For(TenantId tenantId, string numberHash, string numberMasked, DateTime nowUtc) => new()
    {
        TenantId = tenantId, NumberHash = numberHash, NumberMasked = numberMasked, OptedOutAtUtc = nowUtc,
    };
}
