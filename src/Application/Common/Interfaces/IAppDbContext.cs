using EpicZoom.Domain.Audit;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Common.Interfaces;

public interface IAppDbContext
{
    DbSet<Tenant> Tenants { get; }
    DbSet<AuditEntry> AuditEntries { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
