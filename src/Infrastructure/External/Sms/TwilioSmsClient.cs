using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Domain.Common;
using EpicZoom.Infrastructure.External.Http;

namespace EpicZoom.Infrastructure.External.Sms;

/// <summary>
/// POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json (form To, From, Body, StatusCallback) with Basic
/// AccountSid:AuthToken — Twilio's Messages API, which other providers imitate. One attempt: a POST that timed out may
/// still have been sent, and a patient texted twice is worse than a clinician pressing Resend.
/// </summary>
internal sealed class TwilioSmsClient(HttpClient http) : ISmsGateway
{
    private const int MessageLength = 200;

    public async Task<SmsSendResult> SendAsync(SmsConnection connection, string toE164, string body, string? statusCallbackUrl, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>> { new("To", toE164), new("From", connection.FromNumber), new("Body", body) };
        if (statusCallbackUrl is not null) fields.Add(new("StatusCallback", statusCallbackUrl));
        var url = AccountUrl(connection) + "/Messages.json";
        try
        {
            using var request = ExternalRequest.Create(HttpMethod.Post, url, "sms.send", new FormUrlEncodedContent(fields));
            request.Headers.Authorization = Basic(connection);
            using var response = await ExternalRequest.SendAsync(http, request, "The SMS provider", cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            var parsed = Parse(text);
            return response.IsSuccessStatusCode && parsed?.Sid is { Length: > 0 } sid
                ? new SmsSendResult(status, sid, parsed.Status, null, "accepted")
                : new SmsSendResult(status, null, null, parsed?.Code, Clip(parsed?.Message ?? $"The SMS provider answered HTTP {status}."));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            return new SmsSendResult(0, null, null, null, Clip(ex is TimeoutException ? "the SMS provider did not answer in time" : "the SMS provider could not be reached"));
        }
    }

    public async Task<SmsAccountCheck> CheckAccountAsync(SmsConnection connection, CancellationToken cancellationToken)
    {
        var url = AccountUrl(connection) + ".json";
        try
        {
            using var request = ExternalRequest.Create(HttpMethod.Get, url, "sms.account");
            request.Headers.Authorization = Basic(connection);
            using var response = await ExternalRequest.SendAsync(http, request, "The SMS provider", cancellationToken);
            var parsed = Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new SmsAccountCheck(status, $"account {parsed?.Status ?? "found"}")
                : new SmsAccountCheck(status, Clip($"HTTP {status}{(parsed?.Code is { } code ? $" code {code}" : "")}: {parsed?.Message ?? "no explanation"}"));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            return new SmsAccountCheck(0, ex is TimeoutException ? "the SMS provider did not answer in time" : "the SMS provider could not be reached");
        }
    }

    private static AuthenticationHeaderValue Basic(SmsConnection connection) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connection.AccountSid}:{connection.AuthToken}")));

    private static string AccountUrl(SmsConnection connection) =>
        $"{connection.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(connection.AccountSid)}";

    private static TwilioAnswer? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, TwilioJsonContext.Default.TwilioAnswer);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Clip(string text) => SafeText.Clip(text, MessageLength);
}

/// <summary>The fields EpicZoom reads from a message (success) or an error (failure); both come as one JSON object.</summary>
internal sealed record TwilioAnswer(
    [property: JsonPropertyName("sid")] string? Sid,
    [property: JsonPropertyName("status")] JsonElement? RawStatus,
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message)
{
    /// <summary>A message's status is a string; an error's "status" is its HTTP status number.</summary>
    public string? Status => RawStatus is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
}

[JsonSerializable(typeof(TwilioAnswer))]
internal sealed partial class TwilioJsonContext : JsonSerializerContext;
