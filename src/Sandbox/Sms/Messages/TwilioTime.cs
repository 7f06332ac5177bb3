using System.Globalization;

namespace EpicZoom.Sandbox.Sms.Messages;

/// <summary>Twilio writes dates as RFC 2822 in UTC: "Sun, 22 Nov 2026 02:40:00 +0000".</summary>
internal static class TwilioTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}
