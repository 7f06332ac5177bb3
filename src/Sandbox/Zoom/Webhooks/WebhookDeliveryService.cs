using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Zoom.Webhooks;

/// <summary>
/// Sends queued webhooks one at a time, in the order they happened. A failed attempt is retried
/// on Zoom's schedule (+5, +20, +60 units; minutes at Zoom, seconds here by default) and then dropped.
/// </summary>
internal sealed partial class WebhookDeliveryService(
    WebhookQueue queue,
    WebhookEndpointValidator validator,
    WebhookSender sender,
    WebhookDeliveryLog log,
    TimeProvider time,
    IOptions<SandboxOptions> options,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    private static readonly int[] RetryFactors = [5, 20, 60];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (queue.IsCurrent(work))
                {
                    await DeliverAsync(work, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down; undelivered sandbox webhooks are not worth keeping.
        }
    }

    private async Task DeliverAsync(WebhookWork work, CancellationToken stoppingToken)
    {
        WebhookResponse? response = null;
        var error = await validator.EnsureValidatedAsync(work, stoppingToken)
            ? null
            : "Not sent: the endpoint failed endpoint.url_validation.";
        if (error is null)
        {
            response = await sender.PostAsync(work.Url, work.SecretToken, work.Body, stoppingToken);
            error = response.IsSuccess ? null : response.Error ?? $"Answered HTTP {response.StatusCode}.";
        }

        using var payload = JsonDocument.Parse(work.Body);
        log.Add(new WebhookDelivery(
            time.GetUtcNow(), work.Event, work.AccountId, work.Url, work.MeetingId, work.Attempt, response?.StatusCode, error is null, error, payload.RootElement.Clone()));
        if (error is null)
        {
            return;
        }

        LogAttemptFailed(work.Event, work.Url, work.Attempt, response?.StatusCode);
        if (work.Attempt <= RetryFactors.Length)
        {
            _ = RetryLaterAsync(work with { Attempt = work.Attempt + 1 }, options.Value.WebhookRetryUnit * RetryFactors[work.Attempt - 1], stoppingToken);
        }
    }

    private async Task RetryLaterAsync(WebhookWork work, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            queue.Retry(work);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox Zoom: webhook {Event} to {Url} failed on attempt {Attempt} (HTTP {StatusCode}).")]
    private partial void LogAttemptFailed(string @event, string url, int attempt, int? statusCode);
}
