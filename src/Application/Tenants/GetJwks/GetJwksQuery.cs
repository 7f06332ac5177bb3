using System.Text.Json.Nodes;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Tenants;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tenants.GetJwks;

/// <summary>
/// The tenant's public keys as a JWKS document. Public on purpose: Epic fetches it to check EpicZoom's client
/// assertions (static key uploads ended in 2026). An unknown org_id is a 404; a tenant without a key gets an empty set.
/// </summary>
public sealed record GetJwksQuery(string OrgId) : IRequest<string>
{
    public static string UrlFor(IAppUrls urls, string orgId) => $"{urls.PublicBaseUrl}/jwks/{orgId}";
}

internal sealed class GetJwksQueryHandler(IAppDbContext db) : IRequestHandler<GetJwksQuery, string>
{
    public async Task<string> Handle(GetJwksQuery request, CancellationToken cancellationToken)
    {
        if (!Domain.Tenants.OrgId.IsValid(request.OrgId)) throw new NotFoundException(nameof(Tenant), request.OrgId);
        var orgId = Domain.Tenants.OrgId.Normalize(request.OrgId);
        var key = await db.Tenants.AsNoTracking()
            .Where(t => t.OrgId == orgId)
            .Select(t => new { t.SigningKey })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(nameof(Tenant), request.OrgId);

        var keys = new JsonArray();
        if (key.SigningKey is not null) keys.Add(JsonNode.Parse(key.SigningKey.PublicJwkJson));
        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }
}
