using System.Net;
using System.Text;
using EpicZoom.Application.Common.Email;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Sms.Common;
using EpicZoom.Application.Sms.SendVisitLink;
using EpicZoom.Domain.Audit;
using EpicZoom.Domain.Guests;
using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Guests.Common;

public enum GuestInviteResultKind
{
    Sent,
    NotConfigured,
    NotAllowed,
    OptedOut,
    RateLimited,
    Failed,
    Unconfirmed,
    Revoked,
}

/// <summary>What the clinician or admin is told; the contact appears masked only.</summary>
public sealed record GuestInviteOutcome(GuestInviteResultKind Kind, string Message)
{
    public bool Succeeded => Kind is GuestInviteResultKind.Sent or GuestInviteResultKind.Revoked;
}

/// <summary>
/// Inviting, resending and revoking, the same for a clinician (by pass) and an admin (by visit id). Every invite is
/// saved (contact masked, hashed, encrypted) and audited before the provider is called, so whatever happens next it is
/// on record; nothing is retried on its own: an unconfirmed e-mail waits for a person to press Resend.
/// </summary>
public sealed class GuestInvitations(
    IAppDbContext db, GuestInviteLinks links, TenantConnections connections, TenantEmailServers emailServers, ISmsGateway sms,
    IEmailGateway email, ISecretProtector protector, SmsSendRules smsRules, IAppUrls urls, TimeProvider clock)
{
    /// <param name="visit">Tracked, with its participants: the guest is enlisted in it.</param>
    public async Task<GuestInviteOutcome> InviteAsync(VideoVisit visit, Tenant tenant, string invitedBy, GuestRole role, string? language,
        string displayName, string contact, CancellationToken ct)
    {
        var settings = tenant.Guests;
        if (!settings.Enabled) return new(GuestInviteResultKind.NotConfigured, "Inviting guests is switched off for your organisation.");
        if (!settings.Allows(role)) return new(GuestInviteResultKind.NotAllowed, $"Your organisation does not allow inviting a guest as {role.Label()}.");
        if (visit.EndedAtUtc is not null) return new(GuestInviteResultKind.NotAllowed, "This visit has ended; guests can no longer be invited.");
        var counting = (await db.GuestInvites.AsNoTracking().Where(i => i.VisitId == visit.Id).ToListAsync(ct)).Count(i => i.CountsTowardLimit);
        if (counting >= settings.MaxGuestsPerVisit)
            return new(GuestInviteResultKind.NotAllowed, $"This visit already has {settings.MaxGuestsPerVisit} guests, the most your organisation allows. Revoke one to invite another.");

        var address = Contact.Parse(contact);
        var channel = address.Email is null ? GuestChannel.Sms : GuestChannel.Email;
        if (!await CanSendAsync(tenant, channel, ct))
            return new(GuestInviteResultKind.NotConfigured, channel == GuestChannel.Sms
                ? "Text messages are not set up for your organisation; invite the guest by e-mail instead, or ask your EpicZoom administrator."
                : "E-mail is not set up for your organisation; invite the guest by text message instead, or ask your EpicZoom administrator.");

        var now = clock.GetUtcNow().UtcDateTime;
        var (masked, hash, value) = address.Email is { } mail
            ? (mail.Masked, links.Fingerprint(tenant.Id, mail), mail.Value)
            : (address.Phone!.Masked, links.Fingerprint(tenant.Id, address.Phone!), address.Phone!.E164);
        var invite = GuestInvite.Issue(visit, settings, counting, role, language, displayName, channel, masked, hash, protector.Protect(value), invitedBy, now);
        db.GuestInvites.Add(invite);
        db.AuditEntries.Add(AuditEntry.Record(now, invitedBy, "GuestInvited", nameof(GuestInvite), invite.Id.ToString(),
            $"{invite.RoleLabel} invited by {(channel == GuestChannel.Sms ? "text" : "e-mail")} to {masked}"));
        // Saved before the provider is called: whatever happens next, the invite is on record.
        await db.SaveChangesAsync(ct);
        return await SendAsync(invite, tenant, value, ct);
    }

    public async Task<GuestInviteOutcome> ResendAsync(VideoVisit visit, Tenant tenant, GuestInviteId id, string actor, CancellationToken ct)
    {
        var invite = await db.GuestInvites.SingleOrDefaultAsync(i => i.Id == id && i.VisitId == visit.Id, ct)
            ?? throw new ValidationException("InviteId", "That invitation is not one of this visit's.");
        if (invite.IsRevoked) return new(GuestInviteResultKind.NotAllowed, "This invitation was revoked; invite the guest again instead.");
        if (visit.EndedAtUtc is not null) return new(GuestInviteResultKind.NotAllowed, "This visit has ended; the invitation was not sent again.");
        if (invite.Status == GuestInviteStatus.Sending) return new(GuestInviteResultKind.NotAllowed, "This invitation is being sent right now; refresh in a moment.");
        if (!await CanSendAsync(tenant, invite.Channel, ct))
            return new(GuestInviteResultKind.NotConfigured, "This invitation's channel is no longer set up for your organisation; nothing was sent.");
        var now = clock.GetUtcNow().UtcDateTime;
        invite.Resend(visit, now);
        db.AuditEntries.Add(AuditEntry.Record(now, actor, "GuestInviteResent", nameof(GuestInvite), invite.Id.ToString(),
            $"{invite.RoleLabel} invitation sent again to {invite.ContactMasked} (send {invite.SendCount})"));
        await db.SaveChangesAsync(ct);
        return await SendAsync(invite, tenant, protector.Unprotect(invite.ContactProtected), ct);
    }

    public async Task<GuestInviteOutcome> RevokeAsync(VisitId visitId, GuestInviteId id, string actor, CancellationToken ct)
    {
        var invite = await db.GuestInvites.SingleOrDefaultAsync(i => i.Id == id && i.VisitId == visitId, ct)
            ?? throw new ValidationException("InviteId", "That invitation is not one of this visit's.");
        if (invite.IsRevoked) return new(GuestInviteResultKind.Revoked, $"The invitation to {invite.ContactMasked} was already revoked.");
        var now = clock.GetUtcNow().UtcDateTime;
        invite.Revoke(now);
        db.AuditEntries.Add(AuditEntry.Record(now, actor, "GuestInviteRevoked", nameof(GuestInvite), invite.Id.ToString(),
            $"{invite.RoleLabel} invitation to {invite.ContactMasked} revoked"));
        await db.SaveChangesAsync(ct);
        return new(GuestInviteResultKind.Revoked, $"The invitation to {invite.ContactMasked} is revoked: its link no longer opens the visit. A guest already in the Zoom meeting stays until the host removes them.");
    }

    private async Task<bool> CanSendAsync(Tenant tenant, GuestChannel channel, CancellationToken ct) =>
        channel == GuestChannel.Sms ? connections.Sms(tenant) is not null : await emailServers.ForAsync(tenant, ct) is not null;

    private async Task<GuestInviteOutcome> SendAsync(GuestInvite invite, Tenant tenant, string contact, CancellationToken ct)
    {
        var outcome = invite.Channel == GuestChannel.Sms
            ? await TextAsync(invite, tenant, contact, ct)
            : await MailAsync(invite, tenant, contact, ct);
        await db.SaveChangesAsync(CancellationToken.None);
        return outcome;
    }

    private async Task<GuestInviteOutcome> TextAsync(GuestInvite invite, Tenant tenant, string e164, CancellationToken ct)
    {
        PhoneNumber.TryParse(e164, out var number, out _);
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - SmsLimits.PerNumberWindow;
        var guestTexts = await db.GuestInvites.CountAsync(i => i.TenantId == tenant.Id && i.ContactHash == invite.ContactHash && i.Id != invite.Id
            && i.Status != GuestInviteStatus.Refused && i.LastSentAtUtc > since, ct);
        if (await smsRules.RefusalAsync(tenant.Id, invite.VisitId, invite.ContactHash, number!, now, perVisit: false, guestTexts, ct) is { } refusal)
        {
            invite.Refused(refusal.Message, now);
            return new(refusal.Kind == SmsSendResultKind.OptedOut ? GuestInviteResultKind.OptedOut : GuestInviteResultKind.RateLimited, refusal.Message);
        }
        var body = tenant.Guests.RenderSms(links.Url(invite), tenant.Name, invite.Role);
        var result = await sms.SendAsync(connections.Sms(tenant)!, number!.E164, body, SmsUrls.Status(urls, tenant.OrgId), ct);
        now = clock.GetUtcNow().UtcDateTime;
        if (result.Accepted)
        {
            invite.Sent($"text accepted ({result.Status ?? "queued"})", now);
            return new(GuestInviteResultKind.Sent, $"Invitation texted to {number.Masked}. The link opens the waiting room; it stops working when the visit ends or you revoke it.");
        }
        invite.Failed(PhoneNumber.MaskNumbersIn(SendVisitLinkBySmsCommandHandler.Describe(result)), now);
        if (result.Failure == SmsFailure.OptedOut) await smsRules.RecordOptOutAsync(tenant.Id, invite.ContactHash, number, now, ct);
        var told = SendVisitLinkBySmsCommandHandler.ClinicianOutcome(result, number);
        return new(told.Kind == SmsSendResultKind.OptedOut ? GuestInviteResultKind.OptedOut : GuestInviteResultKind.Failed,
            told.Message.Replace("The patient can", "The guest can", StringComparison.Ordinal));
    }

    private async Task<GuestInviteOutcome> MailAsync(GuestInvite invite, Tenant tenant, string to, CancellationToken ct)
    {
        var server = (await emailServers.ForAsync(tenant, ct))!;
        var link = links.Url(invite);
        var text = tenant.Guests.RenderEmail(link, tenant.Name, invite.Role);
        var message = new EmailMessage(to, tenant.Guests.RenderEmailSubject(tenant.Name, invite.Role), text, Html(text, link));
        var result = await email.SendAsync(server, message, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var masked = invite.ContactMasked;
        var detail = $"{(result.ReplyCode == 0 ? "no reply code" : $"SMTP {result.ReplyCode}")}: {result.Message}";
        switch (result.Failure)
        {
            case EmailFailure.None:
                invite.Sent("accepted by the mail server", now);
                return new(GuestInviteResultKind.Sent, $"Invitation e-mailed to {masked}. The link opens the waiting room; it stops working when the visit ends or you revoke it.");
            case EmailFailure.Unconfirmed:
                invite.Unconfirmed(detail, now);
                return new(GuestInviteResultKind.Unconfirmed, $"The mail server did not confirm the e-mail to {masked}; it may or may not arrive. Ask the guest, and press Resend only if it did not.");
            case EmailFailure.RecipientRefused:
                invite.Failed(detail, now);
                return new(GuestInviteResultKind.Failed, $"The mail server refused the address {masked}. Check the address and invite the guest again.");
            case EmailFailure.CredentialsRefused or EmailFailure.TlsFailed:
                invite.Failed(detail, now);
                return new(GuestInviteResultKind.Failed, "The mail server refused your organisation's settings; no e-mail was sent. Ask your EpicZoom administrator to check the e-mail settings.");
            default:
                invite.Failed(detail, now);
                return new(GuestInviteResultKind.Failed, "The mail server could not be reached or is busy; no e-mail was sent. Please try again (Resend) in a moment.");
        }
    }

    /// <summary>The plain text as HTML: everything encoded, paragraphs kept, the link (and only it) a real anchor.</summary>
    internal static string Html(string text, string link)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body>");
        var anchor = $"<a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a>";
        foreach (var paragraph in text.Replace("\r\n", "\n").Split("\n\n"))
        {
            var parts = paragraph.Split(link);
            html.Append("<p>").Append(string.Join(anchor, parts.Select(p => WebUtility.HtmlEncode(p).Replace("\n", "<br>")))).Append("</p>");
        }
        return html.Append("</body></html>").ToString();
    }

    /// <summary>One field for the contact: an e-mail address when it holds @, else a mobile number.</summary>
    private sealed record Contact(PhoneNumber? Phone, EmailAddress? Email)
    {
        public static Contact Parse(string? input)
        {
            if (input?.Contains('@') == true)
                return EmailAddress.TryParse(input, out var address, out var problem) ? new(null, address) : throw new ValidationException("Contact", problem);
            return PhoneNumber.TryParse(input, out var number, out var numberProblem) ? new(number, null) : throw new ValidationException("Contact", numberProblem);
        }
    }
}
