using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Sms.GetTextPatientPanel;
using EpicZoom.Domain.Visits;
using MediatR;

namespace EpicZoom.Application.Sms.ListVisitTexts;

/// <summary>The texts sent for a visit, for the admin's Visits page.</summary>
[Authorize(Roles = AppRoles.Admin)]
public sealed record ListVisitTextsQuery(Guid VisitId) : IRequest<IReadOnlyList<SmsMessageDto>>;

internal sealed class ListVisitTextsQueryHandler(IAppDbContext db) : IRequestHandler<ListVisitTextsQuery, IReadOnlyList<SmsMessageDto>>
{
    public Task<IReadOnlyList<SmsMessageDto>> Handle(ListVisitTextsQuery request, CancellationToken cancellationToken) =>
        SmsMessages.ForVisitAsync(db, new VisitId(request.VisitId), cancellationToken);
}
