using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Monitoring.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Monitoring.CheckTenantReachability;

/// <summary>
/// Probes every tenant's Epic (its FHIR server's SMART configuration, uncached) and Zoom (a token and the account's settings)
/// and keeps the result in <see cref="TenantReachability"/>. Sent by a worker at most every minute; changes no light.
/// </summary>
public sealed record CheckTenantReachabilityCommand : IRequest<int>, IBackgroundRequest;

internal sealed class CheckTenantReachabilityCommandHandler(
    IAppDbContext db, IEpicSmartClient smart, IZoomApi zoom, TenantConnections connections, IConnectionFailureClassifier classifier,
    TenantReachability reachability, TimeProvider clock)
    : IRequestHandler<CheckTenantReachabilityCommand, int>
{
    public async Task<int> Handle(CheckTenantReachabilityCommand request, CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking().ToListAsync(cancellationToken);
        reachability.KeepOnly(tenants.Select(t => t.Id.Value).ToHashSet());
        foreach (var tenant in tenants)
        {
            string? epic;
            try
            {
                var status = await smart.ProbeAsync(connections.Epic(tenant), cancellationToken);
                // Any answer short of a server error means Epic is there (a 401 or 404 is a set-up problem the troubleshooting page explains).
                epic = status == 0 ? "no answer" : status >= 500 ? $"HTTP {status}" : null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                epic = Problem(ex);
            }

            string? zoomProblem = null;
            try
            {
                await zoom.GetLockSettingsAsync(connections.Zoom(tenant), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                zoomProblem = Problem(ex);
            }
            reachability.Update(new TenantReach(tenant.Id.Value, tenant.Name, clock.GetUtcNow().UtcDateTime, epic, zoomProblem));
        }
        return tenants.Count;
    }

    /// <summary>The kind of failure, never a URL or a response body.</summary>
    private string Problem(Exception ex) => ex is Application.Common.Exceptions.AppException app ? app.Code : classifier.Classify(ex).Kind switch
    {
        ConnectionFailureKind.Other => ex.GetType().Name,
        var kind => kind.ToString(),
    };
}
