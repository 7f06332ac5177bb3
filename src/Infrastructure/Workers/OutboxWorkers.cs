using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Notifications.DispatchNotifications;
using EpicZoom.Application.Webhooks.ProcessWebhookEvents;
using EpicZoom.Domain.Common;
using EpicZoom.Infrastructure.Configuration;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure.Workers;

/// <summary>
/// Drains a queue kept in the database: wakes when this instance signals new work, and polls anyway (other
/// instances' work, retries coming due). Errors are logged and retried; the rows stay until handled.
/// </summary>
internal abstract class DrainingWorker(IServiceScopeFactory scopes, IWorkSignal signal, WorkKind kind, ILogger logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int done;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    done = await DrainOnceAsync(scope.ServiceProvider.GetRequiredService<IMediator>(), stoppingToken);
                    if (done > 0) logger.LogDebug("{Worker} handled {Count}", GetType().Name, done);
                }
                while (done > 0 && !stoppingToken.IsCancellationRequested);
                await signal.WaitAsync(kind, PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "{Worker} failed; retrying", GetType().Name);
                await Task.Delay(PollInterval, stoppingToken);
            }
        }
    }

    protected abstract Task<int> DrainOnceAsync(IMediator mediator, CancellationToken cancellationToken);
}

internal sealed class WebhookProcessingWorker(IServiceScopeFactory scopes, IWorkSignal signal, ILogger<WebhookProcessingWorker> logger)
    : DrainingWorker(scopes, signal, WorkKind.WebhookEvents, logger)
{
    protected override Task<int> DrainOnceAsync(IMediator mediator, CancellationToken cancellationToken) =>
        mediator.Send(new ProcessWebhookEventsCommand(), cancellationToken);
}

internal sealed class NotificationDispatchWorker(
    IServiceScopeFactory scopes, IWorkSignal signal, IOptions<AppOptions> app, IConfiguration configuration, ILogger<NotificationDispatchWorker> logger)
    : DrainingWorker(scopes, signal, WorkKind.Notifications, logger)
{
    /// <summary>
    /// Names this process's leases: the instance's name (App:InstanceName, so a lease can be traced to an instance) and a
    /// random part, so a lease left by a crashed process is recognisably not ours, even after a restart under the same name.
    /// </summary>
    private readonly string owner = SafeText.ClipStart($"{app.Value.EffectiveInstanceName(configuration["urls"])}:{Guid.NewGuid():N}", 100);

    /// <summary>
    /// The next batch at once after a full one (more are probably due; a failed record is not due again until its
    /// backoff ends, so an Epic outage cannot spin this loop); after a partial one, the next poll or the signal for new records.
    /// </summary>
    protected override async Task<int> DrainOnceAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        var command = new DispatchNotificationsCommand(owner);
        var attempted = await mediator.Send(command, cancellationToken);
        return attempted >= command.BatchSize ? attempted : 0;
    }
}
