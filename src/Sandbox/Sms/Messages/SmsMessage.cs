using EpicZoom.Sandbox.Common;

namespace EpicZoom.Sandbox.Sms.Messages;

/// <summary>Twilio's message statuses the simulator uses, plus "refused" for sends it answered with an error.</summary>
internal static class SmsStatuses
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Undelivered = "undelivered";

    /// <summary>Not a Twilio status: the send was answered 400 and no message exists at Twilio.</summary>
    public const string Refused = "refused";
}

/// <summary>
/// One outbound send as the simulator saw it. A refused send (<see cref="Refused"/>) keeps the
/// error it was answered with; Twilio would not have created it, so the API does not show it.
/// </summary>
internal sealed record SmsMessage(
    string Sid,
    string AccountSid,
    string To,
    string From,
    string Body,
    string Status,
    int? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SentAt,
    string? StatusCallback,
    bool Refused)
{
    public static SmsMessage Queue(string accountSid, SendRequest request, DateTimeOffset now) => new(
        RandomIds.TwilioSid("SM"), accountSid, request.To, request.From, request.Body, SmsStatuses.Queued, null, null, now, now, null, request.StatusCallback, false);

    public static SmsMessage Refuse(string accountSid, SendRequest request, SendRefusal refusal, DateTimeOffset now) => new(
        RandomIds.TwilioSid("SM"), accountSid, request.To, request.From, request.Body, SmsStatuses.Refused, refusal.Code, refusal.Message, now, now, null, request.StatusCallback, true);
}
