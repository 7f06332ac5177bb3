using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EpicZoom.Sandbox.Zoom.Meetings;

namespace EpicZoom.Sandbox.Zoom.Webhooks;

internal sealed record WebhookParticipant(
    string UserId,
    string UserName,
    string Id,
    string ParticipantUuid,
    string ParticipantUserId,
    string Email,
    string CustomerKey,
    string RegistrantId,
    string? JoinTime = null,
    string? LeaveTime = null,
    string? DateTime = null,
    string? LeaveReason = null);

internal sealed record WebhookObject(
    string Id,
    string Uuid,
    string HostId,
    string Topic,
    int Type,
    string StartTime,
    string Timezone,
    int Duration,
    string? EndTime = null,
    WebhookParticipant? Participant = null);

internal sealed record WebhookPayload(string AccountId, WebhookObject Object);

internal sealed record WebhookEnvelope(string Event, long EventTs, WebhookPayload Payload);

internal sealed record UrlValidationPayload([property: JsonPropertyName("plainToken")] string PlainToken);

internal sealed record UrlValidationEnvelope(UrlValidationPayload Payload, long EventTs, string Event);

internal sealed record UrlValidationAnswer(
    [property: JsonPropertyName("plainToken")] string? PlainToken,
    [property: JsonPropertyName("encryptedToken")] string? EncryptedToken);

/// <summary>Zoom's webhook bodies, serialised once so every retry sends (and signs) the same bytes.</summary>
internal static class WebhookPayloads
{
    public const string UrlValidationEvent = "endpoint.url_validation";

    public static byte[] Meeting(string accountId, MeetingEvent e)
    {
        var meeting = e.Meeting;
        var body = new WebhookObject(
            meeting.Id.ToString(CultureInfo.InvariantCulture),
            meeting.Uuid,
            meeting.HostId,
            meeting.Topic,
            meeting.Type,
            ZoomTime.Format(meeting.StartTime),
            meeting.Timezone,
            meeting.Duration,
            e.Name == "meeting.ended" ? ZoomTime.Format(e.Time) : null,
            e.Participant is { } participant ? Participant(e, participant) : null);
        return JsonSerializer.SerializeToUtf8Bytes(
            new WebhookEnvelope(e.Name, e.Time.ToUnixTimeMilliseconds(), new WebhookPayload(accountId, body)),
            ZoomJsonContext.Default.WebhookEnvelope);
    }

    public static byte[] UrlValidation(string plainToken, DateTimeOffset now) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new UrlValidationEnvelope(new UrlValidationPayload(plainToken), now.ToUnixTimeMilliseconds(), UrlValidationEvent),
            ZoomJsonContext.Default.UrlValidationEnvelope);

    // Joins and leaves carry join_time / leave_time; waiting-room events carry date_time instead.
    private static WebhookParticipant Participant(MeetingEvent e, MeetingParticipant p)
    {
        var time = ZoomTime.Format(e.Time);
        var participant = new WebhookParticipant(p.UserId, p.Name, p.ZoomUserId, p.ParticipantUuid, p.ZoomUserId, p.Email, p.CustomerKey, "");
        return e.Name switch
        {
            "meeting.participant_joined" => participant with { JoinTime = time },
            "meeting.participant_left" => participant with { LeaveTime = time, LeaveReason = e.LeaveReason },
            _ => participant with { DateTime = time },
        };
    }
}
