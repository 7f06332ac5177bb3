using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Zoom.Webhooks;

/// <summary>
/// Sends queued webhooks the way Zoom does: several at once (<see cref="SandboxOptions.WebhookMaxConcurrency"/>), so
/// they may arrive in any order. A failed attempt is retried on Zoom's schedule (+5, +20, +60 units; minutes at
/// Zoom, seconds here by default) and then dropped.
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.WebhookMaxConcurrency)).Select(_ => SendLoopAsync(stoppingToken)));

    private async Task SendLoopAsync(CancellationToken stoppingToken)
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

        log.Add(new WebhookDelivery(
            time.GetUtcNow(), work.Event, work.AccountId, work.Url, work.MeetingId, work.Attempt, response?.StatusCode, error is null, error, Parse(work.Body)));
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

    // Test API bodies may be anything the caller sent; the log keeps what it can read.
    private static JsonElement Parse(byte[] body)
    {
        try
        {
            using var payload = JsonDocument.Parse(body);
            return payload.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var nothing = JsonDocument.Parse("null");
            return nothing.RootElement.Clone();
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
