using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Sms.Common;
using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Tenants;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Sms.ReceiveSmsWebhook;

public enum SmsWebhookKind
{
    /// <summary>A patient replied to the tenant's number (STOP, START, anything else).</summary>
    Inbound,

    /// <summary>The provider reports a text's delivery (sent, delivered, undelivered, failed).</summary>
    Status,
}

public enum SmsWebhookResult
{
    Accepted,
    UnknownTenant,
    BadSignature,
    Malformed,
}

/// <summary>
/// A request from the SMS provider, checked against the tenant's auth token over the exact URL and every form field
/// before anything is read or written. STOP opts the number out for the tenant; START opts it back in.
/// </summary>
public sealed record ReceiveSmsWebhookCommand(
    string OrgId, SmsWebhookKind Kind, string Url, string? Signature, IReadOnlyList<KeyValuePair<string, string>> Form) : IRequest<SmsWebhookResult>;

internal sealed class ReceiveSmsWebhookCommandHandler(
    IAppDbContext db, ISecretProtector protector, TextPatientLinks links, TimeProvider clock, Application.Common.Diagnostics.EpicZoomMetrics metrics)
    : IRequestHandler<ReceiveSmsWebhookCommand, SmsWebhookResult>
{
    public async Task<SmsWebhookResult> Handle(ReceiveSmsWebhookCommand request, CancellationToken cancellationToken)
    {
        if (!Domain.Tenants.OrgId.IsValid(request.OrgId)) return SmsWebhookResult.UnknownTenant;
        var orgId = Domain.Tenants.OrgId.Normalize(request.OrgId);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.OrgId == orgId, cancellationToken);
        if (tenant?.SmsAuthTokenProtected is null) return SmsWebhookResult.UnknownTenant;
        if (!TwilioRequestSignature.IsValid(protector.Unprotect(tenant.SmsAuthTokenProtected), request.Url, request.Form, request.Signature))
            return SmsWebhookResult.BadSignature;

        var form = request.Form.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        return request.Kind == SmsWebhookKind.Inbound
            ? await InboundAsync(tenant, form, cancellationToken)
            : await StatusAsync(tenant, form, cancellationToken);
    }

    private async Task<SmsWebhookResult> InboundAsync(Tenant tenant, Dictionary<string, string> form, CancellationToken ct)
    {
        if (!form.TryGetValue("From", out var from) || !PhoneNumber.TryParse(from, out var number, out _)) return SmsWebhookResult.Malformed;
        var word = (form.GetValueOrDefault("Body") ?? "").Trim();
        var optOutType = form.GetValueOrDefault("OptOutType") ?? "";
        var hash = links.Fingerprint(tenant.Id, number!);
        var existing = await db.SmsOptOuts.SingleOrDefaultAsync(o => o.TenantId == tenant.Id && o.NumberHash == hash, ct);
        if ((optOutType.Equals("STOP", StringComparison.OrdinalIgnoreCase) || SmsLimits.OptOutWords.Contains(word)) && existing is null)
            db.SmsOptOuts.Add(SmsOptOut.For(tenant.Id, hash, number!.Masked, clock.GetUtcNow().UtcDateTime));
        else if ((optOutType.Equals("START", StringComparison.OrdinalIgnoreCase) || SmsLimits.OptInWords.Contains(word)) && existing is not null)
            db.SmsOptOuts.Remove(existing);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same STOP delivered twice at once: the other request recorded it.
        }
        return SmsWebhookResult.Accepted;
    }

    private async Task<SmsWebhookResult> StatusAsync(Tenant tenant, Dictionary<string, string> form, CancellationToken ct)
    {
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid");
        var status = form.GetValueOrDefault("MessageStatus") ?? form.GetValueOrDefault("SmsStatus");
        if (string.IsNullOrEmpty(sid) || string.IsNullOrEmpty(status) || sid.Length > 64 || status.Length > 40) return SmsWebhookResult.Malformed;
        int? errorCode = int.TryParse(form.GetValueOrDefault("ErrorCode"), out var code) ? code : null;
        var message = await db.SmsMessages.SingleOrDefaultAsync(m => m.TenantId == tenant.Id && m.ProviderMessageId == sid, ct);
        // An unknown id is acknowledged all the same: the provider would only retry a report nobody can use.
        if (message is not null && message.ReportDelivery(status, errorCode, clock.GetUtcNow().UtcDateTime))
        {
            await db.SaveChangesAsync(ct);
            metrics.TextReached(message.Status.ToString());
        }
        return SmsWebhookResult.Accepted;
    }
}
