using System.Text.Json;
using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Zoom.Webhooks;

/// <summary>
/// Zoom sends events only to an endpoint that proved it holds the secret token by answering
/// endpoint.url_validation, and re-checks every 72 hours. The sandbox validates on first use of
/// each account/URL/secret combination.
/// </summary>
internal sealed class WebhookEndpointValidator(
    WebhookSender sender, WebhookDeliveryLog log, TimeProvider time, IOptions<SandboxOptions> options) : ISandboxState
{
    private static readonly TimeSpan Revalidation = TimeSpan.FromHours(72);

    private readonly BoundedStore<string, DateTimeOffset> validated = new(options.Value.MaxStoredItems, StringComparer.Ordinal);

    // Deliveries run concurrently; the first to a new endpoint validates it while the others wait for the outcome.
    private readonly SemaphoreSlim validating = new(1, 1);

    public Simulator Simulator => Simulator.Zoom;

    public async Task<bool> EnsureValidatedAsync(WebhookWork work, CancellationToken cancellationToken)
    {
        var key = $"{work.AccountId}\n{work.Url}\n{work.SecretToken}";
        var now = time.GetUtcNow();
        if (validated.TryGet(key, out var at) && now - at < Revalidation)
        {
            return true;
        }

        await validating.WaitAsync(cancellationToken);
        try
        {
            return validated.TryGet(key, out at) && now - at < Revalidation || await ValidateAsync(work, key, now, cancellationToken);
        }
        finally
        {
            validating.Release();
        }
    }

    private async Task<bool> ValidateAsync(WebhookWork work, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plainToken = RandomIds.Alphanumeric(22);
        var body = WebhookPayloads.UrlValidation(plainToken, now);
        var response = await sender.PostAsync(work.Url, work.SecretToken, body, cancellationToken);
        var error = response.Error ?? Check(response, plainToken, work.SecretToken);
        using var payload = JsonDocument.Parse(body);
        log.Add(new WebhookDelivery(
            time.GetUtcNow(), WebhookPayloads.UrlValidationEvent, work.AccountId, work.Url, null, 1, response.StatusCode, error is null, error, payload.RootElement.Clone()));
        if (error is null)
        {
            validated.Set(key, now);
        }

        return error is null;
    }

    public void Reset() => validated.Clear();

    private static string? Check(WebhookResponse response, string plainToken, string secretToken)
    {
        if (response.StatusCode != 200)
        {
            return $"endpoint.url_validation must be answered 200, got {response.StatusCode}.";
        }

        UrlValidationAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize(response.Body, ZoomJsonContext.Default.UrlValidationAnswer);
        }
        catch (JsonException)
        {
            return "endpoint.url_validation answer is not JSON.";
        }

        if (answer?.PlainToken != plainToken)
        {
            return "endpoint.url_validation answer has the wrong plainToken.";
        }

        return answer.EncryptedToken == ZoomWebhookSignature.EncryptToken(secretToken, plainToken)
            ? null
            : "endpoint.url_validation answer has the wrong encryptedToken.";
    }
}
