using EpicZoom.Application.ZoomAccounts.RemoveExpiredPatientAccounts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Infrastructure.Workers;

/// <summary>Every few minutes, removes patients' temporary Zoom accounts that have outlived their visit.</summary>
internal sealed class PatientAccountCleanupWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PatientAccountCleanupWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RemoveExpiredPatientAccountsCommand(), stoppingToken);
                if (removed > 0) logger.LogInformation("Removed {Count} expired temporary Zoom accounts", removed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Temporary Zoom account clean-up failed; retrying in {Minutes} min", Interval.TotalMinutes);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
