using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EpicZoom.Application.Webhooks.Common;

/// <summary>
/// The one reader of Zoom webhook bodies: one forward pass of <see cref="Utf8JsonReader"/> over the bytes, no DOM,
/// no reflection. Never throws on hostile input. The reader accepts strings holding bytes that are not UTF-8,
/// overlong encodings or escaped lone surrogates and only fails when such a string is decoded; such a field reads as
/// unreadable. ids and event_ts arrive as strings or numbers (Zoom sends both): both are read. A property sent twice
/// counts once, the last time, as <see cref="JsonDocument"/> did.
/// </summary>
public static partial class ZoomWebhookParser
{
    /// <summary>Zoom's bodies are four levels deep; anything far deeper is not Zoom.</summary>
    public const int MaxDepth = 32;

    public static ZoomEvent Parse(ReadOnlySpan<byte> body)
    {
        Root root = default;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read()) return new NotAZoomEvent("not a JSON object", IsJson: false);
            if (reader.TokenType != JsonTokenType.StartObject) return new NotAZoomEvent("not a JSON object", IsJson: true);
            ReadRoot(ref reader, ref root);
            // Trailing bytes after the object: the reader throws on anything but white space.
            while (reader.Read()) { }
        }
        catch (JsonException)
        {
            return new NotAZoomEvent("not a JSON object", IsJson: false);
        }
        return Build(in root);
    }

    private static void ReadRoot(ref Utf8JsonReader reader, ref Root root)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event"u8)) root.Event = NextName(ref reader);
            else if (reader.ValueTextEquals("event_ts"u8)) root.EventTs = NextText(ref reader);
            else if (reader.ValueTextEquals("payload"u8))
            {
                root.Payload = default;
                if (NextIsObject(ref reader)) ReadPayload(ref reader, ref root.Payload);
            }
            else Skip(ref reader);
        }
    }

    private static void ReadPayload(ref Utf8JsonReader reader, ref Payload payload)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("account_id"u8)) payload.AccountId = NextText(ref reader);
            else if (reader.ValueTextEquals("plainToken"u8)) payload.PlainToken = NextText(ref reader);
            else if (reader.ValueTextEquals("object"u8))
            {
                payload.Object = default;
                if (NextIsObject(ref reader)) ReadObject(ref reader, ref payload.Object);
            }
            else Skip(ref reader);
        }
    }

    private static void ReadObject(ref Utf8JsonReader reader, ref MeetingObject meeting)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) meeting.Id = NextText(ref reader);
            else if (reader.ValueTextEquals("uuid"u8)) meeting.Uuid = NextText(ref reader);
            else if (reader.ValueTextEquals("start_time"u8)) meeting.StartTime = NextTime(ref reader);
            else if (reader.ValueTextEquals("end_time"u8)) meeting.EndTime = NextTime(ref reader);
            else if (reader.ValueTextEquals("participant"u8))
            {
                meeting.Participant = default;
                if (NextIsObject(ref reader))
                {
                    meeting.Participant.Present = true;
                    ReadParticipant(ref reader, ref meeting.Participant);
                }
            }
            else Skip(ref reader);
        }
    }

    private static void ReadParticipant(ref Utf8JsonReader reader, ref Participant p)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) p.Id = NextText(ref reader);
            else if (reader.ValueTextEquals("participant_user_id"u8)) p.ParticipantUserId = NextText(ref reader);
            else if (reader.ValueTextEquals("user_id"u8)) p.UserId = NextText(ref reader);
            else if (reader.ValueTextEquals("email"u8)) p.Email = NextText(ref reader);
            else if (reader.ValueTextEquals("customer_key"u8)) p.CustomerKey = NextText(ref reader);
            else if (reader.ValueTextEquals("registrant_id"u8)) p.RegistrantId = NextText(ref reader);
            else if (reader.ValueTextEquals("participant_uuid"u8)) p.ParticipantUuid = NextText(ref reader);
            else if (reader.ValueTextEquals("user_name"u8)) p.UserName = NextText(ref reader);
            else if (reader.ValueTextEquals("join_time"u8)) p.JoinTime = NextTime(ref reader);
            else if (reader.ValueTextEquals("leave_time"u8)) p.LeaveTime = NextTime(ref reader);
            else if (reader.ValueTextEquals("date_time"u8)) p.DateTime = NextTime(ref reader);
            else if (reader.ValueTextEquals("leave_reason"u8)) p.LeaveReason = NextText(ref reader);
            else Skip(ref reader);
        }
    }

    private static bool NextIsObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject) return true;
        reader.Skip();
        return false;
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>The event name must be a JSON string: a number is no name.</summary>
    private static string? NextName(ref Utf8JsonReader reader)
    {
        var text = NextText(ref reader);
        return reader.TokenType == JsonTokenType.String && text.State == Read.Value ? text.Value : null;
    }

    /// <summary>A string, or a number as its digits; anything else (true, an object, bytes that do not decode) is unreadable.</summary>
    private static Text NextText(ref Utf8JsonReader reader)
    {
        reader.Read();
        return CurrentText(ref reader);
    }

    private static Text CurrentText(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return default;
            case JsonTokenType.Number:
                return new Text(Read.Value, Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.String:
                try
                {
                    return new Text(Read.Value, reader.GetString());
                }
                catch (InvalidOperationException)
                {
                    return new Text(Read.Unreadable, null);
                }
            default:
                reader.Skip();
                return new Text(Read.Unreadable, null);
        }
    }

    /// <summary>
    /// An ISO 8601 time as UTC. Zoom's own shape ("2026-01-01T10:00:00Z") is read straight from the bytes; any other
    /// text goes through DateTimeOffset.TryParse, a time without an offset being UTC.
    /// </summary>
    private static When NextTime(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader is { TokenType: JsonTokenType.String, ValueIsEscaped: false, HasValueSequence: false } && reader.ValueSpan is [.., (byte)'Z']
            && reader.TryGetDateTimeOffset(out var utc))
            return new When(Read.Value, utc.UtcDateTime);
        var text = CurrentText(ref reader);
        if (text.State != Read.Value) return new When(text.State, null);
        return DateTimeOffset.TryParse(text.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? new When(Read.Value, time.UtcDateTime)
            : new When(Read.Unreadable, null);
    }

    private static ZoomEvent Build(in Root root)
    {
        if (root.Event is not { } name || !EventName().IsMatch(name)) return new NotAZoomEvent("no readable 'event' name", IsJson: true);
        var accountId = root.Payload.AccountId.Value is { Length: > 0 } account ? account : null;
        if (name == ZoomEventNames.UrlValidation) return new ZoomUrlValidation(root.Payload.PlainToken.Value) { Name = name, AccountId = accountId };
        if (!name.StartsWith(ZoomEventNames.MeetingPrefix, StringComparison.Ordinal)) return new ZoomOtherEvent { Name = name, AccountId = accountId };

        var notes = new Notes();
        var meeting = root.Payload.Object;
        var idText = notes.Text(meeting.Id, "object.id");
        long? meetingId = null;
        if (idText is not null)
        {
            if (long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) meetingId = id;
            else notes.Add("object.id is not a meeting number");
        }
        var eventTime = notes.EpochMilliseconds(root.EventTs, "event_ts");
        var participant = ReadParticipant(in meeting, notes);
        var uuid = notes.Text(meeting.Uuid, "object.uuid");

        ZoomMeetingEvent typed = name switch
        {
            ZoomEventNames.MeetingStarted => new ZoomMeetingStarted(participant.StartTime),
            ZoomEventNames.MeetingEnded => new ZoomMeetingEnded(participant.EndTime),
            ZoomEventNames.ParticipantJoined => new ZoomParticipantJoined(participant.Participant),
            ZoomEventNames.ParticipantLeft => new ZoomParticipantLeft(participant.Participant),
            ZoomEventNames.BreakoutRoomJoined => new ZoomBreakoutRoomJoined(participant.Participant),
            ZoomEventNames.BreakoutRoomLeft => new ZoomBreakoutRoomLeft(participant.Participant),
            _ => new ZoomOtherMeetingEvent(participant.Participant),
        };
        return typed with { Name = name, AccountId = accountId, EventTime = eventTime, MeetingId = meetingId, MeetingUuid = uuid, Notes = notes.List };
    }

    /// <summary>
    /// The participant and the meeting's times, read in the order the notes have always had (the participant's ids,
    /// its times, the meeting's times, then the leave reason), whatever order the body had.
    /// </summary>
    private static (ZoomParticipant? Participant, DateTime? StartTime, DateTime? EndTime) ReadParticipant(in MeetingObject meeting, Notes notes)
    {
        var p = meeting.Participant;
        if (!p.Present) return (null, notes.Time(meeting.StartTime, "object.start_time"), notes.Time(meeting.EndTime, "object.end_time"));
        var id = notes.Text(p.Id, "participant.id");
        var participantUserId = notes.Text(p.ParticipantUserId, "participant.participant_user_id");
        var userId = notes.Text(p.UserId, "participant.user_id");
        var email = notes.Text(p.Email, "participant.email");
        var customerKey = notes.Text(p.CustomerKey, "participant.customer_key");
        var registrantId = notes.Text(p.RegistrantId, "participant.registrant_id");
        var participantUuid = notes.Text(p.ParticipantUuid, "participant.participant_uuid");
        var userName = notes.Text(p.UserName, "participant.user_name");
        var joinTime = notes.Time(p.JoinTime, "participant.join_time");
        var leaveTime = notes.Time(p.LeaveTime, "participant.leave_time");
        var waitingRoomTime = notes.Time(p.DateTime, "participant.date_time");
        var startTime = notes.Time(meeting.StartTime, "object.start_time");
        var endTime = notes.Time(meeting.EndTime, "object.end_time");
        var participant = new ZoomParticipant
        {
            Id = id, ParticipantUserId = participantUserId, UserId = userId, Email = email, CustomerKey = customerKey,
            RegistrantId = registrantId, ParticipantUuid = participantUuid, UserName = userName,
            JoinTime = joinTime, LeaveTime = leaveTime, WaitingRoomTime = waitingRoomTime,
            LeaveReason = notes.Text(p.LeaveReason, "participant.leave_reason"),
        };
        return (participant, startTime, endTime);
    }

    /// <summary>Zoom's event names ("meeting.participant_joined", "rtms.started", "app_deauthorized"): anything else is refused.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,100}$")]
    private static partial Regex EventName();
}
