using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
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
public sealed record WebhookReceipt(WebhookReceiptKind Kind, object? ValidationResponse = null);

internal sealed partial class ReceiveZoomWebhookCommandHandler(IAppDbContext db, ISecretProtector protector, WebhookSecrets secrets, TimeProvider clock, IWorkSignal signal)
    : IRequestHandler<ReceiveZoomWebhookCommand, WebhookReceipt>
{
    public const string UrlValidationEvent = "endpoint.url_validation";

    public async Task<WebhookReceipt> Handle(ReceiveZoomWebhookCommand request, CancellationToken cancellationToken)
    {
        if (!ZoomWebhookSignature.IsFresh(request.Timestamp, clock.GetUtcNow()))
            throw new AppException(WebhookErrors.StaleTimestamp);

        // Nothing in the body is believed before the signature: account_id only decides which secrets are tried first.
        var envelope = Envelope.Read(request.Body);
        var tenant = await SignerAsync(envelope.AccountId, request, cancellationToken)
            ?? throw new AppException(WebhookErrors.BadSignature);

        if (!envelope.IsJsonObject) throw new AppException(WebhookErrors.NotAnEvent, "not a JSON object");
        if (envelope.EventType is not { } eventType) throw new AppException(WebhookErrors.NotAnEvent, "no readable 'event' name");
        if (eventType == UrlValidationEvent)
        {
            if (string.IsNullOrEmpty(envelope.PlainToken)) throw new AppException(WebhookErrors.ValidationWithoutToken);
            return new WebhookReceipt(WebhookReceiptKind.UrlValidated,
                new { plainToken = envelope.PlainToken, encryptedToken = ZoomWebhookSignature.EncryptToken(tenant.Secret, envelope.PlainToken) });
        }
        // Only meeting events move lights; keeping the others (team chat, whiteboards...) would only keep their data.
        if (!eventType.StartsWith("meeting.", StringComparison.Ordinal)) return new WebhookReceipt(WebhookReceiptKind.Ignored);

        var hash = Convert.ToHexString(SHA256.HashData(request.Body.Span));
        if (await db.WebhookEvents.AnyAsync(e => e.TenantId == tenant.Id && e.BodyHash == hash, cancellationToken))
            return new WebhookReceipt(WebhookReceiptKind.Duplicate);

        // Bytes that are not UTF-8 become U+FFFD here; the hash above and the signature were taken on the bytes as sent.
        db.WebhookEvents.Add(ZoomWebhookEvent.Receive(tenant.Id, eventType, hash,
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

    /// <summary>What the receive path reads from a body; every string may be unreadable (see <see cref="ZoomJson"/>).</summary>
    private sealed record Envelope(bool IsJsonObject, string? EventType, string? AccountId, string? PlainToken)
    {
        public static Envelope Read(ReadOnlyMemory<byte> body)
        {
            try
            {
                using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return new Envelope(false, null, null, null);
                var payload = ZoomJson.Child(root, "payload");
                // The name must be a JSON string (ZoomJson.String would read a number as its digits).
                var eventType = ZoomJson.Child(root, "event").ValueKind == JsonValueKind.String && ZoomJson.String(root, "event", out var name) == ZoomJson.Read.Value
                    ? name
                    : null;
                ZoomJson.String(payload, "account_id", out var account);
                ZoomJson.String(payload, "plainToken", out var plainToken);
                return new Envelope(true, eventType is not null && EventName().IsMatch(eventType) ? eventType : null,
                    string.IsNullOrEmpty(account) ? null : account, plainToken);
            }
            catch (JsonException)
            {
                return new Envelope(false, null, null, null);
            }
        }
    }

    /// <summary>Zoom's event names ("meeting.participant_joined", "rtms.started", "app_deauthorized"): anything else is refused.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,100}$")]
    private static partial Regex EventName();
}
