using System.Security.Cryptography;
using EpicZoom.Application.Common.Diagnostics;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Webhooks.Common;
using EpicZoom.Domain.Webhooks;
using MediatR;

namespace EpicZoom.Application.Webhooks.ReceiveZoomWebhook;

/// <summary>POST /zoom/webhooks: verify on the raw bytes, answer url_validation, store each meeting event once. Processing comes after the ack.</summary>
public sealed record ReceiveZoomWebhookCommand(ReadOnlyMemory<byte> Body, string? Timestamp, string? Signature) : IRequest<WebhookReceipt>, IHighVolumeRequest;

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

internal sealed class ReceiveZoomWebhookCommandHandler(
    IAppDbContext db, ISecretProtector protector, IWebhookBodyCipher cipher, IWebhookInbox inbox, WebhookSecrets secrets, TimeProvider clock, IWorkSignal signal,
    EpicZoomMetrics metrics)
    : IRequestHandler<ReceiveZoomWebhookCommand, WebhookReceipt>
{
    public async Task<WebhookReceipt> Handle(ReceiveZoomWebhookCommand request, CancellationToken cancellationToken)
    {
        // Its traceparent is stored with the event: processing and the report to Epic link back to this span.
        using var activity = EpicZoomTelemetry.Source.StartActivity("zoom.webhook receive");
        try
        {
            var receipt = await ReceiveAsync(request, activity, cancellationToken);
            var outcome = receipt.Kind switch
            {
                WebhookReceiptKind.Stored => "stored",
                WebhookReceiptKind.Duplicate => "duplicate",
                WebhookReceiptKind.UrlValidated => "url_validated",
                _ => "ignored",
            };
            metrics.WebhookReceived(outcome);
            activity?.SetTag(EpicZoomTelemetry.OutcomeTag, outcome);
            return receipt;
        }
        catch (AppException ex)
        {
            // Refusals made before the handler (size, media type) are counted by the endpoint.
            metrics.WebhookRefused(ex.Code);
            activity?.SetTag(EpicZoomTelemetry.OutcomeTag, ex.Code);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Code);
            throw;
        }
    }

    private async Task<WebhookReceipt> ReceiveAsync(ReceiveZoomWebhookCommand request, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
        if (!ZoomWebhookSignature.IsFresh(request.Timestamp, clock.GetUtcNow()))
            throw new AppException(WebhookErrors.StaleTimestamp);

        // Nothing in the body is believed before the signature: account_id only decides which secrets are tried first.
        var zoomEvent = ZoomWebhookParser.Parse(request.Body.Span);
        var tenant = await SignerAsync(zoomEvent.AccountId, request, cancellationToken)
            ?? throw new AppException(WebhookErrors.BadSignature);
        activity?.SetTag(EpicZoomTelemetry.TenantTag, tenant.TenantId.Value.ToString());
        activity?.SetTag(EpicZoomTelemetry.EventTypeTag, zoomEvent.Name);

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

        // The hash and the signature are taken on the bytes as sent; the unique index on (tenant, hash) keeps one copy
        // of a re-delivery, decided in the inbox's insert itself rather than by a read first.
        var hash = Convert.ToHexString(SHA256.HashData(request.Body.Span));
        var stored = ZoomWebhookEvent.Receive(tenant.TenantId, zoomEvent.Name, hash,
            cipher.Protect(tenant.TenantId, hash, request.Body.Span), clock.GetUtcNow().UtcDateTime,
            EpicZoomTelemetry.CurrentTraceParent());
        InboxOutcome outcome;
        try
        {
            outcome = await inbox.AcceptAsync(stored, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not committed, so not acknowledged: Zoom delivers the event again.
            throw new AppException(WebhookErrors.NotStored, ex.GetType().Name, ex);
        }
        if (outcome == InboxOutcome.Duplicate) return new WebhookReceipt(WebhookReceiptKind.Duplicate);
        signal.Notify(WorkKind.WebhookEvents);
        return new WebhookReceipt(WebhookReceiptKind.Stored);
    }

    /// <summary>
    /// The tenant whose secret signed the body. Tenants on the event's Zoom account are tried first (several may
    /// share one account; the one whose secret signed is the sender), then every other tenant with a secret: events
    /// such as rtms.* or app.* carry no account_id, and an unreadable one must not lock the sender out.
    /// </summary>
    private async Task<WebhookSigner?> SignerAsync(string? accountId, ReceiveZoomWebhookCommand request, CancellationToken ct)
    {
        var signers = await secrets.SignersAsync(db, protector, ct);
        if (accountId is not null)
        {
            foreach (var signer in signers)
                if (signer.AccountId == accountId && ZoomWebhookSignature.IsValid(signer.Secret, request.Timestamp, request.Signature, request.Body.Span))
                    return signer;
        }
        foreach (var signer in signers)
            if ((accountId is null || signer.AccountId != accountId)
                && ZoomWebhookSignature.IsValid(signer.Secret, request.Timestamp, request.Signature, request.Body.Span))
                return signer;
        return null;
    }
}
