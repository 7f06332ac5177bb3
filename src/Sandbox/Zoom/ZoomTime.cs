using System.Globalization;

namespace EpicZoom.Sandbox.Zoom;

/// <summary>Zoom writes times as UTC "yyyy-MM-ddTHH:mm:ssZ".</summary>
internal static class ZoomTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A time without an offset is taken as UTC.</summary>
    public static bool TryParse(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
