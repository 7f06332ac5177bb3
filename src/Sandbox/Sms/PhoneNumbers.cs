using System.Text.RegularExpressions;

namespace EpicZoom.Sandbox.Sms;

/// <summary>E.164 numbers as Twilio wants them, and as they survive a query string.</summary>
internal static partial class PhoneNumbers
{
    public static bool IsE164(string number) => E164().IsMatch(number);

    /// <summary>
    /// A number from a query string: an unencoded "?to=+1555..." arrives as " 1555...", so a
    /// leading space or bare digits get their "+" back. Null or blank means no filter.
    /// </summary>
    public static string? FromQuery(string? value)
    {
        var number = value?.Trim();
        if (string.IsNullOrEmpty(number))
        {
            return null;
        }

        return char.IsAsciiDigit(number[0]) ? "+" + number : number;
    }

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
