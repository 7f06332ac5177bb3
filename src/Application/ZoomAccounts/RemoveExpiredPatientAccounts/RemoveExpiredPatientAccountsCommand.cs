using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.ZoomAccounts;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Application.ZoomAccounts.RemoveExpiredPatientAccounts;

/// <summary>
/// Deletes patients' temporary Zoom users whose visit is over (plus the grace period), in Zoom first and then here.
/// Run periodically by a background worker; a failure leaves the row for the next run.
/// </summary>
public sealed record RemoveExpiredPatientAccountsCommand(int BatchSize = 50) : IRequest<int>, IBackgroundRequest;

internal sealed class RemoveExpiredPatientAccountsCommandHandler(
    IAppDbContext db, IZoomApi zoom, TenantConnections connections, TimeProvider clock, ILogger<RemoveExpiredPatientAccountsCommandHandler> logger)
    : IRequestHandler<RemoveExpiredPatientAccountsCommand, int>
{
    public async Task<int> Handle(RemoveExpiredPatientAccountsCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.ZoomAccounts
            .Where(a => a.Kind == ZoomAccountKind.Patient && a.CreatedByEpicZoom && a.DeleteAfterUtc < now)
            .OrderBy(a => a.DeleteAfterUtc).Take(request.BatchSize).ToListAsync(cancellationToken);
        var removed = 0;
        foreach (var group in expired.GroupBy(a => a.TenantId))
        {
            var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == group.Key, cancellationToken);
            if (tenant is null) continue; // the cascade removed its rows with it
            foreach (var account in group)
            {
                try
                {
                    await zoom.DeleteUserAsync(connections.Zoom(tenant), account.ZoomUserId, cancellationToken);
                    db.ZoomAccounts.Remove(account);
                    await db.SaveChangesAsync(cancellationToken);
                    removed++;
                }
                catch (Exception ex) when (ex is ZoomApiException or ZoomUnavailableException or AppException)
                {
                    logger.LogWarning("Temporary Zoom account of tenant {TenantId} not removed yet: {Error}", tenant.Id, ex.GetType().Name);
                }
            }
        }
        return removed;
    }
}
