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
    string? LeaveReason = null,
    string? ParentUserId = null);

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
    WebhookParticipant? Participant = null,
    string? BreakoutRoomUuid = null);

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
            e.Participant is { } participant ? Participant(e, participant) : null,
            e.BreakoutRoomUuid);
        return JsonSerializer.SerializeToUtf8Bytes(
            new WebhookEnvelope(e.Name, e.Time.ToUnixTimeMilliseconds(), new WebhookPayload(accountId, body)),
            ZoomJsonContext.Default.WebhookEnvelope);
    }

    public static byte[] UrlValidation(string plainToken, DateTimeOffset now) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new UrlValidationEnvelope(new UrlValidationPayload(plainToken), now.ToUnixTimeMilliseconds(), UrlValidationEvent),
            ZoomJsonContext.Default.UrlValidationEnvelope);

    /// <summary>
    /// Any event as Zoom would sign it: <paramref name="payload"/> as given (rtms.*, whiteboard.*, team_chat.*,
    /// bot_* and app.* events carry no account_id), with event_ts as a number or, as some events have it, a string.
    /// </summary>
    public static byte[] Raw(string eventName, JsonElement? payload, DateTimeOffset now, bool eventTsAsString)
    {
        var envelope = new System.Text.Json.Nodes.JsonObject
        {
            ["event"] = eventName,
            ["event_ts"] = eventTsAsString
                ? System.Text.Json.Nodes.JsonValue.Create(now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
                : System.Text.Json.Nodes.JsonValue.Create(now.ToUnixTimeMilliseconds()),
            ["payload"] = payload is { } p ? System.Text.Json.Nodes.JsonNode.Parse(p.GetRawText()) : new System.Text.Json.Nodes.JsonObject(),
        };
        return System.Text.Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    // Joins carry join_time; leaves leave_time and the join_time of the stretch they end; waiting-room events date_time.
    // A breakout-room event names the person by a user_id of its own and the main room's as parent_user_id.
    private static WebhookParticipant Participant(MeetingEvent e, MeetingParticipant p)
    {
        var time = ZoomTime.Format(e.Time);
        var participant = new WebhookParticipant(p.UserId, p.Name, p.ZoomUserId, p.ParticipantUuid, p.ZoomUserId, p.Email, p.CustomerKey, "");
        var joinTime = e.JoinTime is { } joined ? ZoomTime.Format(joined) : null;
        return e.Name switch
        {
            "meeting.participant_joined" => participant with { JoinTime = time },
            "meeting.participant_left" => participant with { JoinTime = joinTime, LeaveTime = time, LeaveReason = e.LeaveReason },
            "meeting.participant_joined_breakout_room" => participant with
            {
                UserId = p.UserId + e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss:fff", CultureInfo.InvariantCulture), ParentUserId = p.UserId, JoinTime = time,
            },
            "meeting.participant_left_breakout_room" => participant with
            {
                UserId = p.UserId + (e.JoinTime ?? e.Time).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss:fff", CultureInfo.InvariantCulture), ParentUserId = p.UserId,
                LeaveTime = time, LeaveReason = e.LeaveReason,
            },
            _ => participant with { DateTime = time },
        };
    }
}
