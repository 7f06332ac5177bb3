using EpicZoom.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EpicZoom.Infrastructure.Health;

public static class HealthChecksSetup
{
    /// <summary>The readiness checks, tagged <paramref name="readyTag"/>: database, migrations, key ring, and tenants' reachability (degraded only).</summary>
    public static IHealthChecksBuilder AddEpicZoomHealthChecks(this IServiceCollection services, string readyTag) =>
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: [readyTag])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [readyTag])
            .AddCheck<KeyRingReadableCheck>("key-ring", tags: [readyTag])
            .AddCheck<TenantReachabilityCheck>("tenants", failureStatus: HealthStatus.Degraded, tags: [readyTag]);
}
