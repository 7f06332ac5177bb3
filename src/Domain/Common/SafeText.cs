using System.Globalization;
using System.Text;

namespace EpicZoom.Domain.Common;

/// <summary>
/// Text that is safe to store and show: cut to a column's length without splitting a character, and free of the
/// characters that hide what a value really is (controls, line breaks, text-direction overrides, lone surrogates).
/// </summary>
public static class SafeText
{
    /// <summary>
    /// At most <paramref name="maxLength"/> UTF-16 units. A cut between the halves of a surrogate pair (an emoji, a rare
    /// CJK character) drops the whole pair: PostgreSQL refuses the lone half that would remain, and so does UTF-8.
    /// </summary>
    public static string Clip(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (text.Length <= maxLength) return text;
        var cut = maxLength;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]) && char.IsLowSurrogate(text[cut])) cut--;
        return text[..cut];
    }

    /// <summary>Like <see cref="Clip"/> but keeps the end of the text (for values whose tail is the distinctive part).</summary>
    public static string ClipStart(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (text.Length <= maxLength) return text;
        var start = text.Length - maxLength;
        if (start < text.Length && char.IsLowSurrogate(text[start]) && char.IsHighSurrogate(text[start - 1])) start++;
        return text[start..];
    }

    /// <summary>
    /// Why <paramref name="text"/> cannot be accepted as typed text, or null when it can: a control character (NUL,
    /// ESC, DEL, C1…), a line break unless <paramref name="allowLineBreaks"/> (then CR, LF and tab are fine), a Unicode
    /// line or paragraph separator, a bidirectional override or mark (the "Trojan Source" characters, which make text
    /// display in another order than it is read), or half of a surrogate pair.
    /// </summary>
    public static string? FindUnsafeCharacter(string? text, bool allowLineBreaks = false)
    {
        if (string.IsNullOrEmpty(text)) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return $"contains a broken character ({Code(c)}, half of a surrogate pair); type the text again.";
            if (allowLineBreaks && c is '\r' or '\n' or '\t') continue;
            if (c is '\r' or '\n') return $"must be on one line (it contains a line break, {Code(c)}).";
            if (char.IsControl(c)) return $"contains an invisible control character ({Code(c)}); remove it.";
            if (IsBidiControl(c))
                return $"contains an invisible text-direction character ({Code(c)}) that can make it display differently from what it is; remove it.";
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                return allowLineBreaks
                    ? $"contains a Unicode line separator ({Code(c)}); use an ordinary line break."
                    : $"must be on one line (it contains a line separator, {Code(c)}).";
        }
        return null;
    }

    /// <summary>
    /// Text from outside (Epic's error_description, Zoom's message) made fit for a record and a "Details for IT" line:
    /// control and bidi characters and lone surrogates dropped (a log or a page cannot be forged with them), whitespace
    /// collapsed, and cut to <paramref name="maxLength"/> without splitting a surrogate pair.
    /// </summary>
    public static string Sanitize(string text, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        var lastWasSpace = false;
        for (var i = 0; i < text.Length && builder.Length < maxLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) && builder.Length + 2 <= maxLength)
                {
                    builder.Append(c).Append(text[++i]);
                    lastWasSpace = false;
                }
                else if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    break;
                }
                continue;
            }
            if (char.IsLowSurrogate(c) || (char.IsControl(c) && !char.IsWhiteSpace(c)) || IsBidiControl(c)) continue;
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace && builder.Length > 0) builder.Append(' ');
                lastWasSpace = true;
                continue;
            }
            builder.Append(c);
            lastWasSpace = false;
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>LRE, RLE, PDF, LRO, RLO (U+202A–U+202E), LRI, RLI, FSI, PDI (U+2066–U+2069), LRM, RLM and ALM.</summary>
    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    private static string Code(char c) => $"U+{(int)c:X4}";
}
