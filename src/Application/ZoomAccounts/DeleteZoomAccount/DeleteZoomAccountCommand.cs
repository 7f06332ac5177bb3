using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Audit;
using EpicZoom.Domain.ZoomAccounts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.ZoomAccounts.DeleteZoomAccount;

/// <summary>
/// The seed lets admins delete auto-created provider accounts: deleted in Zoom first (through the API), then here.
/// A provider's own borrowed account is only forgotten, never deleted in Zoom.
/// </summary>
[Authorize(Roles = AppRoles.Administrator)]
public sealed record DeleteZoomAccountCommand(Guid Id) : IRequest<Unit>;

internal sealed class DeleteZoomAccountCommandHandler(IAppDbContext db, IZoomApi zoom, TenantConnections connections, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<DeleteZoomAccountCommand, Unit>
{
    public async Task<Unit> Handle(DeleteZoomAccountCommand request, CancellationToken cancellationToken)
    {
        var account = await db.ZoomAccounts.SingleOrDefaultAsync(a => a.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException(nameof(ZoomAccount), request.Id);
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == account.TenantId, cancellationToken);
        if (account.CreatedByEpicZoom)
        {
            try
            {
                await zoom.DeleteUserAsync(connections.Zoom(tenant), account.ZoomUserId, cancellationToken);
            }
            catch (Exception ex) when (ex is ZoomApiException or ZoomUnavailableException or AppException)
            {
                throw new ValidationException("Id", "Zoom did not delete the user; nothing was changed. Check the tenant's Zoom credentials and try again.");
            }
        }
        db.ZoomAccounts.Remove(account);
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow().UtcDateTime, user.UserName ?? "system", "ZoomAccountDeleted", nameof(ZoomAccount),
            account.Id.ToString(), $"{account.Kind} account {(account.CreatedByEpicZoom ? "deleted in Zoom" : "forgotten (the provider's own)")}"));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
