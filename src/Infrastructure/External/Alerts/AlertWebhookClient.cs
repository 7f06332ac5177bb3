using System.Net.Http.Json;
using System.Text.Json.Serialization;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;

namespace EpicZoom.Infrastructure.External.Alerts;

/// <summary>
/// Posts <c>{"text": …}</c> to the alert webhook. Bounded by <see cref="Timeout"/>, never retried (a repeat would be a
/// duplicate alert), no redirects (the URL is the receiver's secret), and never throws for the receiver's failure.
/// </summary>
internal sealed class AlertWebhookClient(HttpClient http, IConnectionFailureClassifier classifier) : IAlertWebhook
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<AlertDelivery> SendAsync(string url, string text, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var request = ExternalRequest.Create(HttpMethod.Post, url, "alerts.post",
                JsonContent.Create(new AlertMessage(text), AlertJsonContext.Default.AlertMessage));
            using var response = await http.SendAsync(request, timeout.Token);
            return new AlertDelivery((int)response.StatusCode, response.IsSuccessStatusCode ? null : response.ReasonPhrase);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AlertDelivery(0, $"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or UriFormatException)
        {
            return new AlertDelivery(0, classifier.Classify(ex).Kind.ToString());
        }
    }
}

internal sealed record AlertMessage([property: JsonPropertyName("text")] string Text);

[JsonSerializable(typeof(AlertMessage))]
internal sealed partial class AlertJsonContext : JsonSerializerContext;
