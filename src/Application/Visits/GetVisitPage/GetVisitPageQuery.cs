using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Visits;
using EpicZoom.Application.Visits.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Visits.GetVisitPage;

/// <summary>What the waiting and device-test pages show around a pass: only the tenant's help links, nothing personal.</summary>
public sealed record GetVisitPageQuery(string PassToken, string Purpose) : IRequest<VisitPageDto>;

/// <summary><see cref="FrameAncestors"/>: the tenant's EHR origins that may frame the page (empty: none).</summary>
public sealed record VisitPageDto(string? DeviceTestUrl, string? HelpUrl, string FrameAncestors = "");

internal sealed class GetVisitPageQueryHandler(VisitPassReader passes) : IRequestHandler<GetVisitPageQuery, VisitPageDto>
{
    public async Task<VisitPageDto> Handle(GetVisitPageQuery request, CancellationToken cancellationToken)
    {
        var tenant = (await passes.ReadAsync(request.PassToken, request.Purpose, tracked: false, cancellationToken)).Tenant;
        return new VisitPageDto(tenant.DeviceTest.EndpointUrl, tenant.DeviceTest.ProviderHelpUrl, tenant.Smart.FrameAncestors);
    }
}
