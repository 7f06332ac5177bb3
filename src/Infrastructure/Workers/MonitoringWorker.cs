using EpicZoom.Application.Common.Diagnostics;
using EpicZoom.Application.Monitoring.CheckTenantReachability;
using EpicZoom.Application.Monitoring.Common;
using EpicZoom.Application.Monitoring.RefreshQueueFigures;
using EpicZoom.Infrastructure.Configuration;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure.Workers;

/// <summary>
/// Refreshes the queue figures (gauges, inbox-lag alert) every <see cref="OperationalSnapshot.RefreshInterval"/> and
/// probes the tenants' Epic and Zoom every <see cref="TenantReachability.RefreshInterval"/>, so that /metrics,
/// /health/ready and the dashboard only read cached values.
/// </summary>
internal sealed class MonitoringWorker(IServiceScopeFactory scopes, IOptions<HealthOptions> options, TenantReachability reachability, TimeProvider clock, ILogger<MonitoringWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextProbe = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(OperationalSnapshot.RefreshInterval, clock);
        do
        {
            await RunAsync(new RefreshQueueFiguresCommand(), stoppingToken);
            // Until a tenant has been probed (none yet, or seeded just after start), every round.
            if (options.Value.TenantProbes && (clock.GetUtcNow() >= nextProbe || reachability.All.Count == 0))
            {
                nextProbe = clock.GetUtcNow() + TenantReachability.RefreshInterval;
                await RunAsync(new CheckTenantReachabilityCommand(), stoppingToken);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RunAsync<T>(IRequest<T> request, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The next round tries again; stale figures are better than a stopped worker.
            logger.LogWarning("{Request} failed ({Error}); retrying at the next round", request.GetType().Name, ex.GetType().Name);
        }
    }
}
