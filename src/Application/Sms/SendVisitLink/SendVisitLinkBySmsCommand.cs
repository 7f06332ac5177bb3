using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Sms.Common;
using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using FluentValidation;
using ValidationException = EpicZoom.Application.Common.Exceptions.ValidationException;
using EpicZoom.Application.Visits.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Sms.SendVisitLink;

/// <summary>
/// A clinician texts the patient the visit link, from the page their launch opened (the pass in it says which visit,
/// which patient and who sends). <paramref name="ResendOf"/> sends again to the number of an earlier text.
/// </summary>
public sealed record SendVisitLinkBySmsCommand(string PassToken, string? PhoneNumber, Guid? ResendOf = null) : IRequest<SmsSendOutcome>;

public enum SmsSendResultKind
{
    Sent,
    NotConfigured,
    VisitEnded,
    OptedOut,
    RateLimited,
    ProviderRejected,
    ProviderUnavailable,
}

/// <summary>What the clinician is told; anything but <see cref="SmsSendResultKind.Sent"/> means no text went out.</summary>
public sealed record SmsSendOutcome(SmsSendResultKind Kind, string Message)
{
    public bool Sent => Kind == SmsSendResultKind.Sent;
}

public sealed class SendVisitLinkBySmsCommandValidator : AbstractValidator<SendVisitLinkBySmsCommand>
{
    public SendVisitLinkBySmsCommandValidator()
    {
        RuleFor(c => c.PassToken).NotEmpty().MaximumLength(2048);
        // Whether it is a usable number is the handler's to say (it needs the parsed number anyway): one parse, one message.
        RuleFor(c => c.PhoneNumber).MaximumLength(40).WithMessage("That is too long for a phone number.");
    }
}

internal sealed class SendVisitLinkBySmsCommandHandler(
    IAppDbContext db, VisitPassReader passes, TenantConnections connections, TextPatientLinks links, ISmsGateway gateway,
    ISecretProtector protector, SmsSendRules rules, IAppUrls urls, TimeProvider clock, Application.Common.Diagnostics.EpicZoomMetrics metrics)
    : IRequestHandler<SendVisitLinkBySmsCommand, SmsSendOutcome>
{
    public async Task<SmsSendOutcome> Handle(SendVisitLinkBySmsCommand request, CancellationToken cancellationToken)
    {
        var (pass, visit, patient, tenant) = await passes.ReadAsync(request.PassToken, VisitPass.TextPatient, tracked: false, cancellationToken);
        if (patient.Role != ParticipantRole.Patient) throw new AppException(LaunchErrors.LinkInvalidOrExpired, "not a patient");
        var sender = visit.Participants.SingleOrDefault(p => p.Id == pass.ActorId)?.EpicId ?? "clinician";

        if (connections.Sms(tenant) is not { } connection)
            return new SmsSendOutcome(SmsSendResultKind.NotConfigured, "Texting patients is not set up for your organisation. Ask your EpicZoom administrator.");
        if (visit.EndedAtUtc is not null)
            return new SmsSendOutcome(SmsSendResultKind.VisitEnded, "This visit has ended: its link would no longer work, so no text was sent.");

        var number = await NumberAsync(request, visit, cancellationToken);
        var hash = links.Fingerprint(tenant.Id, number);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await rules.RefusalAsync(tenant.Id, visit.Id, hash, number, now, perVisit: true, alsoSentToNumber: 0, cancellationToken) is { } refusal)
        {
            db.SmsMessages.Add(SmsMessage.Refuse(tenant.Id, visit.Id, number, hash, sender, refusal.Message, now));
            await db.SaveChangesAsync(cancellationToken);
            metrics.TextReached(nameof(SmsStatus.Refused));
            return refusal;
        }

        var link = await links.EnsureAsync(visit, patient, cancellationToken);
        var message = SmsMessage.Start(tenant.Id, visit.Id, link.Id, number, hash, protector.Protect(number.E164), sender, now);
        db.SmsMessages.Add(message);
        // Saved before the provider is called: whatever happens next, the attempt is on record.
        await db.SaveChangesAsync(cancellationToken);

        var body = tenant.Sms.Render(links.Url(link), tenant.Name);
        var result = await gateway.SendAsync(connection, number.E164, body, SmsUrls.Status(urls, tenant.OrgId), cancellationToken);
        now = clock.GetUtcNow().UtcDateTime;
        if (result.Accepted)
        {
            message.Accepted(result.HttpStatus, result.MessageId!, result.Status ?? "queued", now);
        }
        else
        {
            message.Failed(result.HttpStatus, result.ErrorCode, Describe(result), now);
            if (result.Failure == SmsFailure.OptedOut) await rules.RecordOptOutAsync(tenant.Id, hash, number, now, cancellationToken);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        metrics.TextReached(message.Status.ToString());
        return result.Accepted
            ? new SmsSendOutcome(SmsSendResultKind.Sent, $"Text sent to {number.Masked}. The patient's link opens the waiting room; it stops working when the visit ends.")
            : ClinicianOutcome(result, number);
    }

    private async Task<PhoneNumber> NumberAsync(SendVisitLinkBySmsCommand request, VideoVisit visit, CancellationToken ct)
    {
        if (request.ResendOf is { } earlierId)
        {
            var earlier = await db.SmsMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == earlierId && m.VisitId == visit.Id, ct);
            if (earlier is null || earlier.ToProtected.Length == 0)
                throw new ValidationException(nameof(request.ResendOf), "That text cannot be resent; enter the number again.");
            return Domain.Sms.PhoneNumber.TryParse(protector.Unprotect(earlier.ToProtected), out var again, out _)
                ? again!
                : throw new ValidationException(nameof(request.ResendOf), "That text cannot be resent; enter the number again.");
        }
        return Domain.Sms.PhoneNumber.TryParse(request.PhoneNumber, out var number, out var problem)
            ? number!
            : throw new ValidationException(nameof(request.PhoneNumber), problem);
    }

    internal static string Describe(SmsSendResult result) =>
        result.HttpStatus == 0 ? $"not reached: {result.Message}" : $"HTTP {result.HttpStatus}{(result.ErrorCode is { } code ? $" code {code}" : "")}: {result.Message}";

    internal static SmsSendOutcome ClinicianOutcome(SmsSendResult result, PhoneNumber number) => result switch
    {
        { Failure: SmsFailure.OptedOut } => new(SmsSendResultKind.OptedOut,
            $"{number.Masked} has opted out of texts (replied STOP). The patient can reply START to allow texts again."),
        { Failure: SmsFailure.RecipientRefused } => new(SmsSendResultKind.ProviderRejected,
            $"The text could not be sent to {number.Masked}: {PhoneNumber.MaskNumbersIn(result.Message)} Check the number and try again."),
        { Failure: SmsFailure.CredentialsRefused } => new(SmsSendResultKind.ProviderRejected,
            "The SMS service refused your organisation's credentials; no text was sent. Ask your EpicZoom administrator to check the SMS settings."),
        { Failure: SmsFailure.Busy } => new(SmsSendResultKind.ProviderUnavailable, "The SMS service is busy; no text was sent. Please try again (Resend) in a minute."),
        _ => new(SmsSendResultKind.ProviderUnavailable, "The SMS service could not be reached; no text was sent. Please try again (Resend) in a moment."),
    };
}
