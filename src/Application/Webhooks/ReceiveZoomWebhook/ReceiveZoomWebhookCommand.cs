using System.Security.Cryptography;
using System.Text;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Webhooks.Common;
using EpicZoom.Domain.Webhooks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Webhooks.ReceiveZoomWebhook;

/// <summary>POST /zoom/webhooks: verify on the raw bytes, answer url_validation, store each meeting event once. Processing comes after the ack.</summary>
public sealed record ReceiveZoomWebhookCommand(ReadOnlyMemory<byte> Body, string? Timestamp, string? Signature) : IRequest<WebhookReceipt>;

public enum WebhookReceiptKind
{
    Stored,
    Duplicate,
    UrlValidated,

    /// <summary>Signed by a tenant's secret but not a meeting event (rtms.*, team_chat.*, app.*...): acknowledged, not kept.</summary>
    Ignored,
}

/// <summary><see cref="ValidationResponse"/> is the JSON body for endpoint.url_validation.</summary>
public sealed record WebhookReceipt(WebhookReceiptKind Kind, UrlValidationAnswer? ValidationResponse = null);

/// <summary>Zoom's expected answer: {"plainToken": ..., "encryptedToken": hex(HMAC_SHA256(secret, plainToken))}.</summary>
public sealed record UrlValidationAnswer(string PlainToken, string EncryptedToken);

internal sealed class ReceiveZoomWebhookCommandHandler(IAppDbContext db, ISecretProtector protector, WebhookSecrets secrets, TimeProvider clock, IWorkSignal signal)
    : IRequestHandler<ReceiveZoomWebhookCommand, WebhookReceipt>
{
    public async Task<WebhookReceipt> Handle(ReceiveZoomWebhookCommand request, CancellationToken cancellationToken)
    {
        if (!ZoomWebhookSignature.IsFresh(request.Timestamp, clock.GetUtcNow()))
            throw new AppException(WebhookErrors.StaleTimestamp);

        // Nothing in the body is believed before the signature: account_id only decides which secrets are tried first.
        var zoomEvent = ZoomWebhookParser.Parse(request.Body.Span);
        var tenant = await SignerAsync(zoomEvent.AccountId, request, cancellationToken)
            ?? throw new AppException(WebhookErrors.BadSignature);

        switch (zoomEvent)
        {
            case NotAZoomEvent refused:
                throw new AppException(WebhookErrors.NotAnEvent, refused.Reason);
            case ZoomUrlValidation { PlainToken: var plainToken }:
                if (string.IsNullOrEmpty(plainToken)) throw new AppException(WebhookErrors.ValidationWithoutToken);
                return new WebhookReceipt(WebhookReceiptKind.UrlValidated,
                    new UrlValidationAnswer(plainToken, ZoomWebhookSignature.EncryptToken(tenant.Secret, plainToken)));
            case not ZoomMeetingEvent:
                // Only meeting events move lights; keeping the others (team chat, whiteboards...) would only keep their data.
                return new WebhookReceipt(WebhookReceiptKind.Ignored);
        }

        var hash = Convert.ToHexString(SHA256.HashData(request.Body.Span));
        if (await db.WebhookEvents.AnyAsync(e => e.TenantId == tenant.Id && e.BodyHash == hash, cancellationToken))
            return new WebhookReceipt(WebhookReceiptKind.Duplicate);

        // Bytes that are not UTF-8 become U+FFFD here; the hash above and the signature were taken on the bytes as sent.
        db.WebhookEvents.Add(ZoomWebhookEvent.Receive(tenant.Id, zoomEvent.Name, hash,
            protector.Protect(Encoding.UTF8.GetString(request.Body.Span)), clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.DiscardChanges();
            // The same delivery arrived twice at once and the unique index kept one; anything else is a real failure,
            // answered with an error so that Zoom delivers the event again.
            if (await db.WebhookEvents.AnyAsync(e => e.TenantId == tenant.Id && e.BodyHash == hash, cancellationToken))
                return new WebhookReceipt(WebhookReceiptKind.Duplicate);
            throw;
        }
        signal.Notify(WorkKind.WebhookEvents);
        return new WebhookReceipt(WebhookReceiptKind.Stored);
    }

    /// <summary>
    /// The tenant whose secret signed the body. Tenants on the event's Zoom account are tried first (several may
    /// share one account; the one whose secret signed is the sender), then every other tenant with a secret: events
    /// such as rtms.* or app.* carry no account_id, and an unreadable one must not lock the sender out.
    /// </summary>
    private async Task<(Domain.Tenants.TenantId Id, string Secret)?> SignerAsync(string? accountId, ReceiveZoomWebhookCommand request, CancellationToken ct)
    {
        var candidates = await db.Tenants.AsNoTracking().Where(t => t.ZoomWebhookSecretTokenProtected != null)
            .Select(t => new { t.Id, t.Zoom.AccountId, Protected = t.ZoomWebhookSecretTokenProtected! }).ToListAsync(ct);
        foreach (var candidate in candidates.OrderBy(c => accountId is not null && c.AccountId == accountId ? 0 : 1))
        {
            var secret = secrets.Unprotect(candidate.Protected);
            if (ZoomWebhookSignature.IsValid(secret, request.Timestamp, request.Signature, request.Body.Span)) return (candidate.Id, secret);
        }
        return null;
    }
}
