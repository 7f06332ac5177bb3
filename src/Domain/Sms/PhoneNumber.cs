using System.Text.RegularExpressions;

namespace EpicZoom.Domain.Sms;

/// <summary>A mobile number in E.164 (+ country code and number, 8 to 15 digits), accepted with the usual spaces, dashes, dots and brackets.</summary>
public sealed partial record PhoneNumber
{
    private PhoneNumber(string e164) => E164 = e164;

    public string E164 { get; }

    /// <summary>What may be shown or logged: the last four digits only ("+•••••••0123").</summary>
    public string Masked => Mask(E164);

    public static bool TryParse(string? input, out PhoneNumber? number, out string problem)
    {
        number = null;
        var compact = AsciiDigits(Separators().Replace(input?.Trim() ?? "", ""));
        if (compact.StartsWith("00", StringComparison.Ordinal)) compact = "+" + compact[2..];
        if (compact.Length == 0)
        {
            problem = "Enter the patient's mobile number.";
            return false;
        }
        if (!compact.StartsWith('+'))
        {
            problem = "Enter the number in international format, starting with + and the country code (e.g. +1 555 010 0123).";
            return false;
        }
        if (!E164Pattern().IsMatch(compact))
        {
            problem = "That is not a valid international (E.164) number: + then the country code and number, 8 to 15 digits, no letters.";
            return false;
        }
        number = new PhoneNumber(compact);
        problem = "";
        return true;
    }

    /// <summary>Digits typed on another keyboard (full-width "５", Devanagari "५") become ASCII, so one number has one spelling.</summary>
    private static string AsciiDigits(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var value = System.Globalization.CharUnicodeInfo.GetDecimalDigitValue(source[i]);
                span[i] = value >= 0 ? (char)('0' + value) : source[i];
            }
        });

    public static string Mask(string e164) =>
        e164.Length <= 4 ? "••••" : "+" + new string('•', Math.Max(0, e164.Length - 5)) + e164[^4..];

    public override string ToString() => Masked;

    /// <summary>
    /// <paramref name="text"/> with every phone number in it masked like <see cref="Masked"/>: providers quote the
    /// recipient in their errors ("The 'To' number +15551234567 is not a valid phone number"), and what EpicZoom stores
    /// or shows of their text must not hold a patient's number. Any run of 7 or more digits (with the usual separators,
    /// optionally after +) counts, unless it is part of a word (an account SID): error codes such as 21211 are shorter and stay readable.
    /// </summary>
    public static string MaskNumbersIn(string text) =>
        string.IsNullOrEmpty(text) ? text : NumberInText().Replace(text, m =>
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            return digits.Length < 7 ? m.Value : Mask("+" + digits);
        });

    [GeneratedRegex(@"(?<![A-Za-z0-9/])\+?\(?\d(?:[\s\-\.\(\)]{0,2}\d){6,}(?![A-Za-z0-9/])")]
    private static partial Regex NumberInText();

    [GeneratedRegex(@"[\s\-\.\(\)]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164Pattern();
}
