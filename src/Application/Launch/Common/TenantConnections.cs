using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Launch.Common;

/// <summary>Builds a tenant's connections to Epic and Zoom, decrypting its secrets for the duration of one use case.</summary>
public sealed class TenantConnections(ISecretProtector protector)
{
    public ZoomConnection Zoom(Tenant tenant)
    {
        var secret = tenant.ZoomClientSecretProtected
            ?? throw new AppException(LaunchErrors.TenantNotConfigured, "Zoom client secret not set");
        return new ZoomConnection(tenant.Id.ToString(), tenant.Zoom.AccountId, tenant.Zoom.ClientId, protector.Unprotect(secret),
            tenant.Zoom.OAuthBaseUrl, tenant.Zoom.ApiBaseUrl);
    }

    /// <summary>How to call the tenant's telehealth endpoint; without Epic client auth the backend client is null (each attempt then fails visibly).</summary>
    public TelehealthConnection Telehealth(Tenant tenant)
    {
        var basic = tenant.Epic.TelehealthAuthMode == TelehealthAuthMode.BasicEmpUser;
        EpicClient? backend = null;
        if (!basic && (tenant.EpicClientSecretProtected is not null || tenant.EpicPrivateKeyProtected is not null)) backend = Epic(tenant);
        return new TelehealthConnection(tenant.Epic.TelehealthBaseUrl, tenant.Epic.ClientId, basic, tenant.Epic.TelehealthBasicUser,
            basic && tenant.TelehealthBasicPasswordProtected is { } password ? protector.Unprotect(password) : null, backend);
    }

    /// <summary>The tenant's SMS account, or null when SMS is off or has no auth token.</summary>
    public SmsConnection? Sms(Tenant tenant) =>
        tenant.CanSendSms
            ? new SmsConnection(tenant.Sms.ApiBaseUrl, tenant.Sms.AccountSid, protector.Unprotect(tenant.SmsAuthTokenProtected!), tenant.Sms.FromNumber)
            : null;

    public EpicClient Epic(Tenant tenant)
    {
        if (tenant.EpicClientSecretProtected is null && tenant.EpicPrivateKeyProtected is null)
            throw new AppException(LaunchErrors.TenantNotConfigured, "no Epic client secret or signing key");
        return new EpicClient(
            tenant.Id.ToString(),
            tenant.Epic.ClientId,
            tenant.EpicClientSecretProtected is { } secret ? protector.Unprotect(secret) : null,
            tenant.EpicPrivateKeyProtected is { } key ? protector.Unprotect(key) : null,
            tenant.SigningKey?.KeyId,
            tenant.Epic.FhirBaseUrl,
            tenant.Epic.OAuthBaseUrl)
        {
            BackendScope = tenant.Smart.BackendScopes,
        };
    }
}
