using System.Globalization;
using System.Text.Json;

namespace EpicZoom.Application.Webhooks.ProcessWebhookEvents;

/// <summary>The parts of a Zoom meeting event EpicZoom acts on (shared/spec/zoom.md §4). object.id may be a string or a number.</summary>
internal sealed record ZoomEventPayload(string Event, long? MeetingId, string? ParticipantId, string? ParticipantUserId, DateTime? At)
{
    public static ZoomEventPayload Parse(string json, DateTime fallbackUtc)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var ev = root.GetProperty("event").GetString() ?? "";
        var obj = root.TryGetProperty("payload", out var payload) && payload.TryGetProperty("object", out var o) ? o : default;
        long? meetingId = obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("id", out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.Number when id.TryGetInt64(out var n) => n,
                JsonValueKind.String when long.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
                _ => null,
            }
            : null;
        var participant = obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("participant", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var at = Time(participant, "join_time") ?? Time(participant, "leave_time") ?? Time(participant, "date_time")
            ?? Time(obj, "end_time") ?? Time(obj, "start_time")
            ?? (root.TryGetProperty("event_ts", out var ts) && ts.TryGetInt64(out var ms) && ms is > 0 and < 253402300799999
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime
                : fallbackUtc);
        return new ZoomEventPayload(ev, meetingId, Text(participant, "id"), Text(participant, "participant_user_id") ?? Text(participant, "user_id"), at);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null
            : null;

    private static DateTime? Time(JsonElement element, string name) =>
        Text(element, name) is { } text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;
}
