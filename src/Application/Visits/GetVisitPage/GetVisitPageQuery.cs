using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Visits;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Visits.GetVisitPage;

/// <summary>What the waiting and device-test pages show around a pass: only the tenant's help links, nothing personal.</summary>
public sealed record GetVisitPageQuery(string PassToken, string Purpose) : IRequest<VisitPageDto>;

public sealed record VisitPageDto(string? DeviceTestUrl, string? HelpUrl);

internal sealed class GetVisitPageQueryHandler(IAppDbContext db, IVisitPasses passes) : IRequestHandler<GetVisitPageQuery, VisitPageDto>
{
    public async Task<VisitPageDto> Handle(GetVisitPageQuery request, CancellationToken cancellationToken)
    {
        var pass = passes.Read(request.PassToken);
        if (pass is null || pass.Purpose != request.Purpose) throw new LaunchException(LaunchError.LinkInvalidOrExpired);
        var visitId = new VisitId(pass.VisitId);
        var tenantId = await db.VideoVisits.Where(v => v.Id == visitId).Select(v => (Domain.Tenants.TenantId?)v.TenantId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new LaunchException(LaunchError.LinkInvalidOrExpired, "visit gone");
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, cancellationToken);
        return new VisitPageDto(tenant.DeviceTest.EndpointUrl, tenant.DeviceTest.ProviderHelpUrl);
    }
}
