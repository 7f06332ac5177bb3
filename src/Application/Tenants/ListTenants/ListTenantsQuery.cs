using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Domain.Tenants;
using EpicZoom.Application.Common.Validation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tenants.ListTenants;

/// <summary>Tenants whose name or org_id contains <see cref="Search"/> (case-insensitive), by name.</summary>
[Authorize(Roles = AppRoles.Everyone)]
public sealed record ListTenantsQuery(string? Search = null) : IRequest<IReadOnlyList<TenantSummaryDto>>;

public sealed record TenantSummaryDto(Guid Id, string Name, string OrgId, EpicEnvironment Environment, int WarningCount, DateTime UpdatedAtUtc);

public sealed class ListTenantsQueryValidator : AbstractValidator<ListTenantsQuery>
{
    public ListTenantsQueryValidator() => RuleFor(q => q.Search).MaximumLength(200).NoControlCharacters();
}

internal sealed class ListTenantsQueryHandler(IAppDbContext db) : IRequestHandler<ListTenantsQuery, IReadOnlyList<TenantSummaryDto>>
{
    public async Task<IReadOnlyList<TenantSummaryDto>> Handle(ListTenantsQuery request, CancellationToken cancellationToken)
    {
        IQueryable<Tenant> query = db.Tenants.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var term = request.Search.Trim().ToLower();
            query = query.Where(t => t.Name.ToLower().Contains(term) || t.OrgId.ToLower().Contains(term));
        }
        var tenants = await query.OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return tenants
            .Select(t => new TenantSummaryDto(t.Id.Value, t.Name, t.OrgId, t.Environment, t.ConfigurationWarnings().Count, t.UpdatedAtUtc))
            .ToList();
    }
}
