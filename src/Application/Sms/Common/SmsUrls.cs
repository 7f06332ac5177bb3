using EpicZoom.Application.Common.Interfaces;

namespace EpicZoom.Application.Sms.Common;

/// <summary>The two provider webhooks of a tenant (signed; src/Web/Sms/SmsEndpoints.cs).</summary>
public static class SmsUrls
{
    /// <summary>Incoming messages: STOP and START replies.</summary>
    public static string Inbound(IAppUrls urls, string orgId) => $"{urls.PublicBaseUrl}/sms/inbound/{orgId}";

    /// <summary>Delivery status callbacks, named on every send.</summary>
    public static string Status(IAppUrls urls, string orgId) => $"{urls.PublicBaseUrl}/sms/status/{orgId}";
}
