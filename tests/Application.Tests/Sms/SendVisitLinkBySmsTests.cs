using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Sms.SendVisitLink;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace EpicZoom.Application.Tests.Sms;

/// <summary>The texting handler over a substituted SMS provider and a real SQLite database: what is recorded when, and what a provider's answer leads to.</summary>
public sealed class SendVisitLinkBySmsTests : IDisposable
{
    private const string Pass = "the-pass";
    private const string Number = "+15550100123";
    private readonly TestApp app = new();

    [Fact]
    public async Task TheTextIsRecordedBeforeTheProviderIsCalled_ThenCarriesTheProvidersAnswer()
    {
        var (tenantId, visitId) = await VisitAsync();
        var seenDuringTheCall = -1;
        app.Sms.SendAsync(default!, default!, default!, default, default).ReturnsForAnyArgs(async _ =>
        {
            await using var db = app.Db.NewContext();
            seenDuringTheCall = await db.SmsMessages.CountAsync(m => m.VisitId == visitId && m.Status == SmsStatus.Sending);
            return new SmsSendResult(201, "SMabc", "queued", null, "accepted");
        });

        var outcome = await app.Send(new SendVisitLinkBySmsCommand(Pass, "+1 (555) 010-0123"));

        Assert.Equal(SmsSendResultKind.Sent, outcome.Kind);
        Assert.Equal(1, seenDuringTheCall);
        // The template with the signed short link and the organisation's name; the callback for delivery reports.
        await app.Sms.Received(1).SendAsync(Arg.Is<SmsConnection>(c => c.AccountSid == "AC123" && c.AuthToken == "sms-token" && c.FromNumber == "+15550100200"),
            Number, $"Acme Health: your visit is ready: {TestApp.PublicBaseUrl}/t/LINKID.sig", $"{TestApp.PublicBaseUrl}/sms/status/acme", Arg.Any<CancellationToken>());
        var stored = await MessagesAsync(visitId);
        var message = Assert.Single(stored);
        Assert.Equal((SmsStatus.Queued, "SMabc", 201, "+•••••••0123", "eDoc"), (message.Status, message.ProviderMessageId, message.HttpStatus, message.ToMasked, message.SentBy));
        Assert.Equal(TestApp.Protected(Number), message.ToProtected);
        Assert.Equal("fp:sms:" + tenantId + ":" + Number, message.ToHash);
    }

    [Fact]
    public async Task AnUnsubscribedAnswer_RecordsTheOptOut_SoTheNextTextIsRefusedWithoutCallingTheProvider()
    {
        var (_, visitId) = await VisitAsync();
        app.Sms.SendAsync(default!, default!, default!, default, default).ReturnsForAnyArgs(
            new SmsSendResult(400, null, null, 21610, "Attempt to send to unsubscribed recipient", SmsFailure.OptedOut));

        var first = await app.Send(new SendVisitLinkBySmsCommand(Pass, Number));
        var second = await app.Send(new SendVisitLinkBySmsCommand(Pass, Number));

        Assert.Equal((SmsSendResultKind.OptedOut, SmsSendResultKind.OptedOut), (first.Kind, second.Kind));
        await app.Sms.ReceivedWithAnyArgs(1).SendAsync(default!, default!, default!, default, default);
        Assert.Equal([SmsStatus.Failed, SmsStatus.Refused], (await MessagesAsync(visitId)).Select(m => m.Status));
    }

    [Fact]
    public async Task AProviderThatCannotBeReached_IsAFailedRecord_TheClinicianMayResend()
    {
        var (_, visitId) = await VisitAsync();
        app.Sms.SendAsync(default!, default!, default!, default, default).ReturnsForAnyArgs(
            new SmsSendResult(0, null, null, null, "the SMS provider could not be reached", SmsFailure.Unavailable),
            new SmsSendResult(201, "SMok", "queued", null, "accepted"));

        var down = await app.Send(new SendVisitLinkBySmsCommand(Pass, Number));
        var failed = Assert.Single(await MessagesAsync(visitId));
        app.Protector.Unprotect(failed.ToProtected).Returns(Number);
        var resent = await app.Send(new SendVisitLinkBySmsCommand(Pass, null, ResendOf: failed.Id));

        Assert.Equal(SmsSendResultKind.ProviderUnavailable, down.Kind);
        Assert.Contains("could not be reached", down.Message);
        Assert.Equal((SmsStatus.Failed, 0), (failed.Status, failed.HttpStatus));
        Assert.Equal(SmsSendResultKind.Sent, resent.Kind);
        await app.Sms.Received(2).SendAsync(Arg.Any<SmsConnection>(), Number, Arg.Any<string>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RefusedTexts_DoNotCountTowardsTheLimit()
    {
        var (tenantId, visitId) = await VisitAsync();
        app.Sms.SendAsync(default!, default!, default!, default, default).ReturnsForAnyArgs(new SmsSendResult(201, "SM1", "queued", null, "accepted"));
        await using (var db = app.Db.NewContext())
        {
            // Earlier refusals for this visit and number (e.g. while the patient had opted out).
            for (var i = 0; i < 12; i++)
                db.SmsMessages.Add(SmsMessage.Refuse(new TenantId(tenantId), new VisitId(visitId.Value), Parse(Number), "fp:sms:" + tenantId + ":" + Number, "x", "refused", app.Clock.UtcNow));
            await db.SaveChangesAsync();
        }

        var outcome = await app.Send(new SendVisitLinkBySmsCommand(Pass, Number));

        Assert.Equal(SmsSendResultKind.Sent, outcome.Kind);
    }

    private static PhoneNumber Parse(string number) => PhoneNumber.TryParse(number, out var parsed, out _) ? parsed! : throw new ArgumentException(number);

    private async Task<(Guid TenantId, VisitId VisitId)> VisitAsync()
    {
        var input = Inputs.Valid();
        input.Name = "Acme Health";
        input.OrgId = "acme";
        input.SmsEnabled = true;
        input.SmsAccountSid = "AC123";
        input.SmsAuthToken = "sms-token";
        input.SmsFromNumber = "+1 555 010 0200";
        input.SmsMessageTemplate = "{organization}: your visit is ready: {link}";
        var tenant = await app.CreateTenant(input);
        app.Protector.Unprotect(TestApp.Protected("sms-token")).Returns("sms-token");

        await using var db = app.Db.NewContext();
        var visit = VideoVisit.Open(new TenantId(tenant.Id), "CSN-" + Guid.NewGuid().ToString("N")[..8], app.Clock.UtcNow);
        var patient = visit.Enlist("ePatient", ParticipantRole.Patient, null, isHost: false, app.Clock.UtcNow);
        var clinician = visit.Enlist("eDoc", ParticipantRole.Provider, "zoom-host", isHost: true, app.Clock.UtcNow);
        db.VideoVisits.Add(visit);
        await db.SaveChangesAsync();

        app.Passes.Read(Pass).Returns(new VisitPass(visit.Id.Value, patient.Id, VisitPass.TextPatient, clinician.Id));
        app.Tokens.NewToken(9).Returns("LINKID");
        app.Links.Sign(Arg.Any<string>()).Returns(call => call.Arg<string>() + ".sig");
        app.Links.Fingerprint(Arg.Any<string>()).Returns(call => "fp:" + call.Arg<string>());
        return (tenant.Id, visit.Id);
    }

    private async Task<List<SmsMessage>> MessagesAsync(VisitId visitId)
    {
        await using var db = app.Db.NewContext();
        return await db.SmsMessages.AsNoTracking().Where(m => m.VisitId == visitId).OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Status).ToListAsync();
    }

    public void Dispose() => app.Dispose();
}
