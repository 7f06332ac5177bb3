using System.Globalization;
using System.Net.Http.Headers;
using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Zoom.Webhooks;

/// <summary>The receiver's answer; <see cref="StatusCode"/> is null when none came in time.</summary>
internal sealed record WebhookResponse(int? StatusCode, string Body, string? Error)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>POSTs a signed webhook body the way Zoom does, giving the receiver Zoom's 3 seconds.</summary>
internal sealed class WebhookSender(IHttpClientFactory httpClients, TimeProvider time, IOptions<SandboxOptions> options)
{
    public const string HttpClientName = "EpicZoom.Sandbox.Webhooks";

    private const int MaxResponseChars = 4096;

    public async Task<WebhookResponse> PostAsync(string url, string secretToken, byte[] body, CancellationToken cancellationToken)
    {
        // Signed at send time: each attempt carries a fresh timestamp, as a replay guard expects.
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", "Zoom Marketplace/1.0a");
        request.Headers.Add(ZoomWebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(ZoomWebhookSignature.SignatureHeader, ZoomWebhookSignature.Sign(secretToken, timestamp, body));
        request.Headers.Add("x-zm-trackingid", "sandbox_" + RandomIds.Alphanumeric(24));

        using var deadline = new CancellationTokenSource(options.Value.WebhookTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, linked.Token);
            var text = await response.Content.ReadAsStringAsync(linked.Token);
            return new WebhookResponse((int)response.StatusCode, text.Length > MaxResponseChars ? text[..MaxResponseChars] : text, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResponse(null, "", $"No answer within {options.Value.WebhookTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookResponse(null, "", ex.Message);
        }
    }
}
