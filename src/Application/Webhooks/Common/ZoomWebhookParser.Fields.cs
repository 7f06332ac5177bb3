using System.Globalization;

namespace EpicZoom.Application.Webhooks.Common;

/// <summary>What one pass collects before the event is built, and the rules that turn each raw field into a value or a note.</summary>
public static partial class ZoomWebhookParser
{
    private enum Read
    {
        Absent,
        Value,
        Unreadable,
    }

    private readonly record struct Text(Read State, string? Value);

    /// <summary>A time field, parsed while it was read.</summary>
    private readonly record struct When(Read State, DateTime? Value);

    /// <summary>The unreadable fields, by name only: values may be PHI.</summary>
    private sealed class Notes
    {
        public List<string> List { get; } = [];

        public void Add(string note) => List.Add(note);

        public string? Text(Text text, string field)
        {
            if (text.State == Read.Unreadable) Add(field + " unreadable");
            return string.IsNullOrEmpty(text.Value) ? null : text.Value;
        }

        public DateTime? Time(When time, string field)
        {
            if (time.State == Read.Unreadable) Add(field + " unreadable");
            return time.Value;
        }

        /// <summary>Milliseconds since 1970 as a JSON number or a numeric string.</summary>
        public DateTime? EpochMilliseconds(Text text, string field)
        {
            if (text.State == Read.Absent) return null;
            if (text.State == Read.Value && long.TryParse(text.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and <= 253402300799999)
                return DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
            Add(field + " unreadable");
            return null;
        }
    }

    private struct Root
    {
        public string? Event;
        public Text EventTs;
        public Payload Payload;
    }

    private struct Payload
    {
        public Text AccountId;
        public Text PlainToken;
        public MeetingObject Object;
    }

    private struct MeetingObject
    {
        public Text Id;
        public Text Uuid;
        public When StartTime;
        public When EndTime;
        public Participant Participant;
    }

    private struct Participant
    {
        public bool Present;
        public Text Id;
        public Text ParticipantUserId;
        public Text UserId;
        public Text Email;
        public Text CustomerKey;
        public Text RegistrantId;
        public Text ParticipantUuid;
        public Text UserName;
        public When JoinTime;
        public When LeaveTime;
        public When DateTime;
        public Text LeaveReason;
    }
}
