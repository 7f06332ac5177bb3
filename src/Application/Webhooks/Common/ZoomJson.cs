using System.Globalization;
using System.Text.Json;

namespace EpicZoom.Application.Webhooks.Common;

/// <summary>
/// Reads the parts of a Zoom webhook without trusting them. JsonDocument accepts strings with bytes that are not
/// UTF-8, overlong encodings or escaped lone surrogates ("\ud800"), and throws InvalidOperationException only when
/// such a string is read; here such a string reads as <see cref="Unreadable"/>, never as an exception.
/// </summary>
public static class ZoomJson
{
    public enum Read
    {
        Absent,
        Value,

        /// <summary>Present but not usable: not UTF-8, a lone surrogate, or the wrong JSON type.</summary>
        Unreadable,
    }

    public static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    /// <summary>A string property; a number is read as its digits (Zoom sends some ids either way).</summary>
    public static Read String(JsonElement element, string name, out string? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return Read.Absent;
        if (v.ValueKind == JsonValueKind.Number)
        {
            value = v.GetRawText();
            return Read.Value;
        }
        if (v.ValueKind != JsonValueKind.String) return Read.Unreadable;
        try
        {
            value = v.GetString();
            return value is null ? Read.Absent : Read.Value;
        }
        catch (InvalidOperationException)
        {
            return Read.Unreadable;
        }
    }

    /// <summary>Milliseconds since 1970 as a JSON number or a numeric string (Zoom's event_ts comes as both).</summary>
    public static Read EpochMilliseconds(JsonElement element, string name, out DateTime? value)
    {
        value = null;
        var read = String(element, name, out var text);
        if (read != Read.Value) return read;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms is <= 0 or > 253402300799999) return Read.Unreadable;
        value = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        return Read.Value;
    }

    /// <summary>An ISO 8601 time such as Zoom's "2026-01-01T10:00:00Z", as UTC.</summary>
    public static Read Time(JsonElement element, string name, out DateTime? value)
    {
        value = null;
        var read = String(element, name, out var text);
        if (read != Read.Value) return read;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return Read.Unreadable;
        value = time.UtcDateTime;
        return Read.Value;
    }
}
