using System.Security.Cryptography;
using System.Text.Json;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Webhooks.Common;
using EpicZoom.Domain.Webhooks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Webhooks.ReceiveZoomWebhook;

/// <summary>POST /zoom/webhooks: verify on the raw bytes, answer url_validation, store each event once. Processing comes after the ack.</summary>
public sealed record ReceiveZoomWebhookCommand(ReadOnlyMemory<byte> Body, string? Timestamp, string? Signature) : IRequest<WebhookReceipt>;

public enum WebhookReceiptKind
{
    Stored,
    Duplicate,
    UrlValidated,
}

/// <summary><see cref="ValidationResponse"/> is the JSON body for endpoint.url_validation.</summary>
public sealed record WebhookReceipt(WebhookReceiptKind Kind, object? ValidationResponse = null);

internal sealed class ReceiveZoomWebhookCommandHandler(IAppDbContext db, ISecretProtector protector, TimeProvider clock, IWorkSignal signal)
    : IRequestHandler<ReceiveZoomWebhookCommand, WebhookReceipt>
{
    public async Task<WebhookReceipt> Handle(ReceiveZoomWebhookCommand request, CancellationToken cancellationToken)
    {
        var (eventType, accountId, plainToken) = ReadEnvelope(request.Body);
        if (!ZoomWebhookSignature.IsFresh(request.Timestamp, clock.GetUtcNow()))
            throw new AppException(WebhookErrors.StaleTimestamp);

        // Several tenants may share a Zoom account; the one whose secret signed the body is the sender.
        // url_validation names no account: any tenant whose secret signed it may answer.
        var candidates = await db.Tenants.AsNoTracking()
            .Where(t => (accountId == "" || t.Zoom.AccountId == accountId) && t.ZoomWebhookSecretTokenProtected != null)
            .Select(t => new { t.Id, t.ZoomWebhookSecretTokenProtected }).ToListAsync(cancellationToken);
        if (candidates.Count == 0) throw new AppException(WebhookErrors.UnknownAccount);
        var tenant = candidates
            .Select(c => new { c.Id, Secret = protector.Unprotect(c.ZoomWebhookSecretTokenProtected!) })
            .FirstOrDefault(c => ZoomWebhookSignature.IsValid(c.Secret, request.Timestamp, request.Signature, request.Body.Span))
            ?? throw new AppException(WebhookErrors.BadSignature);

        if (eventType == "endpoint.url_validation")
        {
            if (string.IsNullOrEmpty(plainToken)) throw new AppException(WebhookErrors.ValidationWithoutToken);
            return new WebhookReceipt(WebhookReceiptKind.UrlValidated,
                new { plainToken, encryptedToken = ZoomWebhookSignature.EncryptToken(tenant.Secret, plainToken) });
        }

        var hash = Convert.ToHexString(SHA256.HashData(request.Body.Span));
        if (await db.WebhookEvents.AnyAsync(e => e.TenantId == tenant.Id && e.BodyHash == hash, cancellationToken))
            return new WebhookReceipt(WebhookReceiptKind.Duplicate);

        db.WebhookEvents.Add(ZoomWebhookEvent.Receive(tenant.Id, eventType, hash,
            protector.Protect(System.Text.Encoding.UTF8.GetString(request.Body.Span)), clock.GetUtcNow().UtcDateTime));
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

    private static (string EventType, string AccountId, string? PlainToken) ReadEnvelope(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("event", out var ev) || ev.ValueKind != JsonValueKind.String)
                throw new AppException(WebhookErrors.NotAnEvent);
            var payload = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var plainToken = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("plainToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var account = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("account_id", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            if (ev.GetString() == "endpoint.url_validation") return (ev.GetString()!, account ?? "", plainToken);
            if (string.IsNullOrEmpty(account)) throw new AppException(WebhookErrors.NoAccount);
            return (ev.GetString()!, account, plainToken);
        }
        catch (JsonException)
        {
            throw new AppException(WebhookErrors.NotAnEvent, "not valid JSON");
        }
    }
}
