namespace EpicZoom.Sandbox.Sms.Messages;

/// <summary>Twilio's Message resource (the subset a client reads), as create and fetch return it.</summary>
internal sealed record SmsMessageResource(
    string Sid,
    string AccountSid,
    string To,
    string From,
    string Body,
    string Status,
    string NumSegments,
    string NumMedia,
    string Direction,
    string ApiVersion,
    string? Price,
    string PriceUnit,
    string DateCreated,
    string DateUpdated,
    string? DateSent,
    int? ErrorCode,
    string? ErrorMessage,
    string? MessagingServiceSid,
    string Uri)
{
    public const string ApiVersionPath = "2010-04-01";

    public static SmsMessageResource Of(SmsMessage message) => new(
        message.Sid,
        message.AccountSid,
        message.To,
        message.From,
        message.Body,
        message.Status,
        SmsSegments.Count(message.Body).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "0",
        "outbound-api",
        ApiVersionPath,
        null,
        "USD",
        TwilioTime.Format(message.CreatedAt),
        TwilioTime.Format(message.UpdatedAt),
        message.SentAt is { } sent ? TwilioTime.Format(sent) : null,
        message.ErrorCode,
        message.ErrorMessage,
        null,
        ResourcePath(message.AccountSid, message.Sid));

    /// <summary>The resource's path below Twilio's API root (no /sandbox/sms prefix), as Twilio writes "uri".</summary>
    public static string ResourcePath(string accountSid, string messageSid) =>
        $"/{ApiVersionPath}/Accounts/{accountSid}/Messages/{messageSid}.json";
}
