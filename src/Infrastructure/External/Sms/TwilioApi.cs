using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Infrastructure.External.Http;
using Refit;

namespace EpicZoom.Infrastructure.External.Sms;

/// <summary>Twilio's REST API (which other providers imitate) under the tenant's API base, Basic AccountSid:AuthToken.</summary>
internal interface ITwilioApi
{
    [Post("/2010-04-01/Accounts/{accountSid}/Messages.json")]
    Task<IApiResponse<TwilioAnswer>> CreateMessageAsync(
        [Property(ExternalCall.Key)] ExternalCall call,
        string accountSid,
        [Header("Authorization")] string basicCredentials,
        [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> message,
        CancellationToken cancellationToken);

    [Get("/2010-04-01/Accounts/{accountSid}.json")]
    Task<IApiResponse<TwilioAnswer>> GetAccountAsync(
        [Property(ExternalCall.Key)] ExternalCall call, string accountSid, [Header("Authorization")] string basicCredentials, CancellationToken cancellationToken);
}

/// <summary>The fields EpicZoom reads from a message or account (success) or an error (failure); all come as one JSON object.</summary>
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
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TwilioJsonContext : JsonSerializerContext;

/// <summary>Twilio's error codes (https://www.twilio.com/docs/api/errors) and what each means to EpicZoom.</summary>
internal static class TwilioErrors
{
    /// <summary>The recipient replied STOP to this sender.</summary>
    public const int UnsubscribedRecipient = 21610;

    /// <summary>Invalid 'To' number, not SMS-capable from this sender, not a mobile, a region not enabled.</summary>
    private static readonly HashSet<int> RecipientRefused = [21211, 21612, 21614, 21408, UnsubscribedRecipient];

    public static SmsFailure FailureOf(HttpStatusCode status, int? code) => (status, code) switch
    {
        (_, UnsubscribedRecipient) => SmsFailure.OptedOut,
        (HttpStatusCode.BadRequest, _) => SmsFailure.RecipientRefused,
        (_, { } c) when RecipientRefused.Contains(c) => SmsFailure.RecipientRefused,
        (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, _) => SmsFailure.CredentialsRefused,
        (HttpStatusCode.TooManyRequests, _) => SmsFailure.Busy,
        _ => SmsFailure.Unavailable,
    };

    public static TwilioAnswer? Parse(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, TwilioJsonContext.Default.TwilioAnswer);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
