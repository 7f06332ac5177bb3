using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.GetJwks;
using EpicZoom.Domain.Tenants;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tenants.GetTenant;

[Authorize(Roles = AppRoles.Everyone)]
public sealed record GetTenantQuery(Guid Id) : IRequest<TenantDto>;

/// <summary>A tenant as the portal shows it: settings in <see cref="Form"/> (secrets empty), and for secrets only whether they are set.</summary>
public sealed record TenantDto(
    Guid Id,
    string Name,
    string OrgId,
    EpicEnvironment Environment,
    TenantInput Form,
    IReadOnlyDictionary<TenantSecret, bool> SecretIsSet,
    SigningKeyDto? SigningKey,
    string JwksUrl,
    IReadOnlyList<string> Warnings,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc);

public sealed record SigningKeyDto(string KeyId, DateTime CreatedAtUtc, bool Imported);

internal sealed class GetTenantQueryHandler(IAppDbContext db, IAppUrls urls) : IRequestHandler<GetTenantQuery, TenantDto>
{
    public async Task<TenantDto> Handle(GetTenantQuery request, CancellationToken cancellationToken)
    {
        var id = new TenantId(request.Id);
        var t = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(Tenant), request.Id);

        return new TenantDto(
            t.Id.Value, t.Name, t.OrgId, t.Environment, TenantInput.From(t),
            Enum.GetValues<TenantSecret>().ToDictionary(s => s, t.HasSecret),
            t.SigningKey is null ? null : new SigningKeyDto(t.SigningKey.KeyId, t.SigningKey.CreatedAtUtc, t.SigningKey.Imported),
            GetJwksQuery.UrlFor(urls, t.OrgId),
            t.ConfigurationWarnings(),
            t.CreatedAtUtc, t.UpdatedAtUtc);
    }
}
