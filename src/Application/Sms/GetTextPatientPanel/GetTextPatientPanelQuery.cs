using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Visits;
using EpicZoom.Application.Visits.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Sms.GetTextPatientPanel;

/// <summary>What the clinician's "Text the patient a link" panel shows: whether texting is possible, and the texts so far.</summary>
public sealed record GetTextPatientPanelQuery(string PassToken) : IRequest<TextPatientPanelDto>;

public sealed record TextPatientPanelDto(bool CanSend, string? WhyNot, IReadOnlyList<SmsMessageDto> Messages);

/// <summary>One text as clinicians and admins see it: the number masked, never the text (it holds the link).</summary>
public sealed record SmsMessageDto(Guid Id, DateTime CreatedAtUtc, string ToMasked, string Status, int? HttpStatus, int? ErrorCode, string? Detail, bool CanResend);

internal sealed class GetTextPatientPanelQueryHandler(IAppDbContext db, VisitPassReader passes)
    : IRequestHandler<GetTextPatientPanelQuery, TextPatientPanelDto>
{
    public async Task<TextPatientPanelDto> Handle(GetTextPatientPanelQuery request, CancellationToken cancellationToken)
    {
        var (_, visit, _, tenant) = await passes.ReadAsync(request.PassToken, VisitPass.TextPatient, tracked: false, cancellationToken);
        var messages = await SmsMessages.ForVisitAsync(db, visit.Id, cancellationToken);
        var whyNot = !tenant.CanSendSms ? "Texting patients is not set up for your organisation."
            : visit.EndedAtUtc is not null ? "This visit has ended."
            : null;
        return new TextPatientPanelDto(whyNot is null, whyNot, messages);
    }
}

internal static class SmsMessages
{
    public static async Task<IReadOnlyList<SmsMessageDto>> ForVisitAsync(IAppDbContext db, VisitId visitId, CancellationToken ct) =>
        (await db.SmsMessages.AsNoTracking().Where(m => m.VisitId == visitId).ToListAsync(ct))
            .OrderByDescending(m => m.CreatedAtUtc)
            .Select(ToDto)
            .ToList();

    public static SmsMessageDto ToDto(Domain.Sms.SmsMessage m) =>
        new(m.Id, m.CreatedAtUtc, m.ToMasked, m.Status.ToString(), m.HttpStatus, m.ErrorCode, m.Detail, CanResend: m.ToProtected.Length > 0);
}
