using EpicZoom.Application.Monitoring.Common;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EpicZoom.Infrastructure.Health;

/// <summary>Every migration this build knows is applied: an instance on an older schema must not take traffic.</summary>
internal sealed class MigrationsAppliedCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy("all migrations applied")
            : new HealthCheckResult(context.Registration.FailureStatus, $"{pending} migration(s) not applied");
    }
}

/// <summary>
/// The Data Protection key ring can be read from its store and its newest key decrypted (it opens every stored
/// secret): a missing key-encryption certificate or an unreadable store fails here, not at the next launch.
/// </summary>
internal sealed class KeyRingReadableCheck(IKeyManager keys, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var usable = keys.GetAllKeys().Where(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now)
            .OrderByDescending(k => k.ActivationDate).FirstOrDefault();
        if (usable is null) return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "no active key in the key ring"));
        // Reading the descriptor decrypts the key with the key-encryption certificate.
        _ = usable.Descriptor;
        return Task.FromResult(HealthCheckResult.Healthy("key ring readable"));
    }
}

/// <summary>
/// Degraded (never unhealthy: EpicZoom itself can still take traffic) when the last background probe could not reach a
/// tenant's Epic or Zoom. Reads <see cref="TenantReachability"/> only; nothing is probed on the health request.
/// </summary>
internal sealed class TenantReachabilityCheck(TenantReachability reachability) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var all = reachability.All;
        var down = all.Where(r => !r.AllReachable).ToList();
        if (all.Count == 0) return Task.FromResult(HealthCheckResult.Healthy("not probed yet"));
        // Tenant ids only: tenant names are the hospitals' and not needed to find the row.
        var data = down.ToDictionary(r => r.TenantId.ToString(), r => (object)string.Join(", ",
            new[] { r.EpicProblem is { } e ? $"Epic: {e}" : null, r.ZoomProblem is { } z ? $"Zoom: {z}" : null }.OfType<string>()));
        return Task.FromResult(down.Count == 0
            ? HealthCheckResult.Healthy($"{all.Count} tenant(s) reachable")
            : HealthCheckResult.Degraded($"{down.Count} of {all.Count} tenant(s) cannot reach Epic or Zoom", data: data));
    }
}
