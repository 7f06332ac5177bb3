using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Sms.SendVisitLink;
using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Sms.Common;

/// <summary>
/// What every text EpicZoom sends obeys, the patient's link and a guest's invitation alike: a number that replied STOP
/// is never texted, and <see cref="SmsLimits"/> cap texts per visit and per number. <paramref name="alsoSentToNumber"/>
/// lets a caller count texts it keeps elsewhere (guest invitations) toward the per-number limit.
/// </summary>
public sealed class SmsSendRules(IAppDbContext db)
{
    /// <summary>Why EpicZoom will not send this one, or null: STOP first, then the per-visit (when <paramref name="perVisit"/>) and per-number limits.</summary>
    public async Task<SmsSendOutcome?> RefusalAsync(TenantId tenantId, VisitId visitId, string hash, PhoneNumber number, DateTime now,
        bool perVisit, int alsoSentToNumber, CancellationToken ct)
    {
        if (await db.SmsOptOuts.AnyAsync(o => o.TenantId == tenantId && o.NumberHash == hash, ct))
            return new(SmsSendResultKind.OptedOut, $"{number.Masked} replied STOP to your organisation's texts, so EpicZoom will not text it. The owner of the number can reply START to allow texts again.");
        var visitSince = now - SmsLimits.PerVisitWindow;
        if (perVisit && await db.SmsMessages.CountAsync(m => m.VisitId == visitId && m.Status != SmsStatus.Refused && m.CreatedAtUtc > visitSince, ct) >= SmsLimits.PerVisit)
            return new(SmsSendResultKind.RateLimited, $"This visit has had {SmsLimits.PerVisit} texts in the last hour, the most EpicZoom sends. Please wait before sending another.");
        var numberSince = now - SmsLimits.PerNumberWindow;
        var sent = await db.SmsMessages.CountAsync(m => m.TenantId == tenantId && m.ToHash == hash && m.Status != SmsStatus.Refused && m.CreatedAtUtc > numberSince, ct);
        if (sent + alsoSentToNumber >= SmsLimits.PerNumber)
            return new(SmsSendResultKind.RateLimited, $"{number.Masked} has had {SmsLimits.PerNumber} texts in the last 24 hours, the most EpicZoom sends to one number.");
        return null;
    }

    /// <summary>The provider says the number opted out: remembered once, so EpicZoom stops trying it.</summary>
    public async Task RecordOptOutAsync(TenantId tenantId, string hash, PhoneNumber number, DateTime now, CancellationToken ct)
    {
        if (!await db.SmsOptOuts.AnyAsync(o => o.TenantId == tenantId && o.NumberHash == hash, ct))
            db.SmsOptOuts.Add(SmsOptOut.For(tenantId, hash, number.Masked, now));
    }
}
