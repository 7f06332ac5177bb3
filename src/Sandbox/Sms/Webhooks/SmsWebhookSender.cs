using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Sandbox.Sms.Webhooks;

/// <summary>The receiver's answer; <see cref="StatusCode"/> is null when none came.</summary>
internal sealed record SmsWebhookResult(int? StatusCode, string? Error)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>
/// POSTs a signed form the way Twilio calls a webhook: once, no retries, 15 seconds to answer
/// (the named client's timeout). Every attempt is recorded in the <see cref="SmsCallbackLog"/>.
/// </summary>
internal sealed partial class SmsWebhookSender(
    IHttpClientFactory httpClients, SmsCallbackLog log, TimeProvider time, ILogger<SmsWebhookSender> logger)
{
    public const string HttpClientName = "EpicZoom.Sandbox.Sms";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task<SmsWebhookResult> PostAsync(
        string kind,
        string url,
        string authToken,
        IReadOnlyList<KeyValuePair<string, string>> form,
        string messageSid,
        string? messageStatus,
        CancellationToken cancellationToken)
    {
        var result = await SendAsync(url, authToken, form, cancellationToken);
        log.Add(new SmsCallback(time.GetUtcNow(), kind, url, messageSid, messageStatus, result.StatusCode, result.Error));
        if (result.Error is not null)
        {
            LogFailed(kind, url, messageSid, result.Error);
        }

        return result;
    }

    private async Task<SmsWebhookResult> SendAsync(
        string url, string authToken, IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return new SmsWebhookResult(null, "Not sent: the URL is not an absolute http(s) URL.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", "TwilioProxy/1.1");
        request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(authToken, url, form));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            return new SmsWebhookResult(status, response.IsSuccessStatusCode ? null : $"Answered HTTP {status}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SmsWebhookResult(null, $"No answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            return new SmsWebhookResult(null, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox SMS: {Kind} webhook for {MessageSid} to {Url} failed: {Error}")]
    private partial void LogFailed(string kind, string url, string messageSid, string error);
}
