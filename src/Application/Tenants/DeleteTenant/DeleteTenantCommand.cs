using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Domain.Tenants;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tenants.DeleteTenant;

/// <summary>The seed's "remove the app": the tenant goes, and with it its secrets and signing key.</summary>
[Authorize(Roles = AppRoles.Administrator)]
public sealed record DeleteTenantCommand(Guid Id) : IRequest<Unit>;

internal sealed class DeleteTenantCommandHandler(
    IAppDbContext db, ISecretProtector protector, ISigningKeyService keys, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<DeleteTenantCommand, Unit>
{
    public async Task<Unit> Handle(DeleteTenantCommand request, CancellationToken cancellationToken)
    {
        var id = new TenantId(request.Id);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(Tenant), request.Id);

        db.Tenants.Remove(tenant);
        new TenantChanges(db, protector, keys, user, clock).Audit("TenantDeleted", tenant, [$"tenant '{tenant.Name}' and its secrets and signing key removed"]);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
