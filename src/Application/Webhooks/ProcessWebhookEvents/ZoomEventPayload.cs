using System.Globalization;
using System.Text.Json;
using EpicZoom.Application.Webhooks.Common;

namespace EpicZoom.Application.Webhooks.ProcessWebhookEvents;

/// <summary>Every identifier a Zoom participant object may carry (shared/spec/zoom.md §4); empty strings read as absent.</summary>
internal sealed record ZoomParticipantIds(string? Id, string? ParticipantUserId, string? UserId, string? Email, string? CustomerKey, string? RegistrantId);

/// <summary>
/// The parts of a Zoom meeting event EpicZoom acts on (shared/spec/zoom.md §4 and Zoom's Meeting webhooks reference).
/// object.id and event_ts may be strings or numbers. Whatever cannot be read (wrong type, not UTF-8, a lone
/// surrogate) is left out and named in <see cref="Notes"/> (field names only: values may be PHI).
/// </summary>
internal sealed record ZoomEventPayload(
    string Event,
    long? MeetingId,
    ZoomParticipantIds? Participant,
    string? SessionKey,
    DateTime? JoinTime,
    DateTime? LeaveTime,
    DateTime? ParticipantDateTime,
    DateTime? MeetingStartTime,
    DateTime? MeetingEndTime,
    DateTime? EventTime,
    string? LeaveReason,
    IReadOnlyList<string> Notes)
{
    public static ZoomEventPayload Parse(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        var root = doc.RootElement;
        var notes = new List<string>();
        var ev = Text(root, "event", "event", notes) ?? "";
        var obj = ZoomJson.Child(ZoomJson.Child(root, "payload"), "object");

        long? meetingId = null;
        if (Text(obj, "id", "object.id", notes) is { } idText)
        {
            if (long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) meetingId = id;
            else notes.Add("object.id is not a meeting number");
        }

        DateTime? eventTime = null;
        if (ZoomJson.EpochMilliseconds(root, "event_ts", out var ts) == ZoomJson.Read.Unreadable) notes.Add("event_ts unreadable");
        else eventTime = ts;

        var p = ZoomJson.Child(obj, "participant");
        ZoomParticipantIds? ids = null;
        string? sessionKey = null;
        if (p.ValueKind == JsonValueKind.Object)
        {
            ids = new ZoomParticipantIds(
                Text(p, "id", "participant.id", notes), Text(p, "participant_user_id", "participant.participant_user_id", notes),
                Text(p, "user_id", "participant.user_id", notes), Text(p, "email", "participant.email", notes),
                Text(p, "customer_key", "participant.customer_key", notes), Text(p, "registrant_id", "participant.registrant_id", notes));
            // The session: participant_uuid; without one, user_id (Zoom's number for one stretch in one room), then id.
            sessionKey = Text(p, "participant_uuid", "participant.participant_uuid", notes) ?? ids.UserId ?? ids.Id;
        }

        return new ZoomEventPayload(ev, meetingId, ids, sessionKey,
            Time(p, "join_time", "participant.join_time", notes), Time(p, "leave_time", "participant.leave_time", notes),
            Time(p, "date_time", "participant.date_time", notes), Time(obj, "start_time", "object.start_time", notes),
            Time(obj, "end_time", "object.end_time", notes), eventTime,
            Text(p, "leave_reason", "participant.leave_reason", notes), notes);
    }

    /// <summary>
    /// When it happened: a join at its join_time, a leave at its leave_time, a waiting-room event at date_time, the
    /// meeting's start or end for meeting.started / meeting.ended; else event_ts. Never the meeting's start_time for a
    /// participant: Zoom sends the scheduled start there.
    /// </summary>
    public DateTime? At => Event switch
    {
        "meeting.participant_joined" or "meeting.participant_joined_breakout_room" => JoinTime ?? EventTime,
        "meeting.participant_left" or "meeting.participant_left_breakout_room" => LeaveTime ?? EventTime,
        "meeting.started" => MeetingStartTime ?? EventTime,
        "meeting.ended" => MeetingEndTime ?? EventTime,
        _ when Participant is not null => ParticipantDateTime ?? EventTime,
        _ => EventTime,
    };

    private static string? Text(JsonElement element, string name, string field, List<string> notes)
    {
        var read = ZoomJson.String(element, name, out var value);
        if (read == ZoomJson.Read.Unreadable) notes.Add(field + " unreadable");
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static DateTime? Time(JsonElement element, string name, string field, List<string> notes)
    {
        var read = ZoomJson.Time(element, name, out var value);
        if (read == ZoomJson.Read.Unreadable) notes.Add(field + " unreadable");
        return value;
    }
}
