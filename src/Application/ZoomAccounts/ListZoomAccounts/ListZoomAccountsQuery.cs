using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.ZoomAccounts.ListZoomAccounts;

/// <summary>The Zoom users EpicZoom created (or borrowed) per tenant: providers' reusable accounts and patients' temporary ones.</summary>
[Authorize(Roles = AppRoles.Everyone)]
public sealed record ListZoomAccountsQuery(Guid? TenantId = null) : IRequest<IReadOnlyList<ZoomAccountDto>>;

/// <summary>
/// <see cref="ProviderEpicId"/>: the Epic id of the provider the account belongs to. EpicZoom stores no names (the name
/// from Epic's launch goes to Zoom as the user's name only), and a patient's id is not shown: it would identify a patient.
/// </summary>
public sealed record ZoomAccountDto(Guid Id, string TenantName, string Kind, string Email, string ZoomUserId, bool CreatedByEpicZoom,
    DateTime CreatedAtUtc, DateTime? DeleteAfterUtc, string? ProviderEpicId = null);

internal sealed class ListZoomAccountsQueryHandler(IAppDbContext db) : IRequestHandler<ListZoomAccountsQuery, IReadOnlyList<ZoomAccountDto>>
{
    public async Task<IReadOnlyList<ZoomAccountDto>> Handle(ListZoomAccountsQuery request, CancellationToken cancellationToken)
    {
        var query = db.ZoomAccounts.AsNoTracking();
        if (request.TenantId is { } id) query = query.Where(a => a.TenantId == new Domain.Tenants.TenantId(id));
        var accounts = await query.OrderByDescending(a => a.CreatedAtUtc).Take(1000).ToListAsync(cancellationToken);
        var names = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return accounts.Select(a => new ZoomAccountDto(a.Id, names.GetValueOrDefault(a.TenantId, "(deleted)"), a.Kind.ToString(), a.Email, a.ZoomUserId,
            a.CreatedByEpicZoom, a.CreatedAtUtc, a.DeleteAfterUtc, a.Kind == Domain.ZoomAccounts.ZoomAccountKind.Provider ? a.EpicId : null)).ToList();
    }
}
