using System.Text;

namespace EpicZoom.Domain.Launch;

/// <summary>
/// Text from outside (Epic's error_description, Zoom's message) made fit for a launch record and the "Details for IT"
/// line: no control or bidi-override characters (a log or a page cannot be forged with them), whitespace collapsed,
/// and cut to a length without splitting a surrogate pair (PostgreSQL refuses half a pair).
/// </summary>
public static class SupportText
{
    public static string Clip(string text, int maxLength)
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
            if (char.IsLowSurrogate(c) || IsInvisibleControl(c)) continue;
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

    private static bool IsInvisibleControl(char c) =>
        (char.IsControl(c) && !char.IsWhiteSpace(c)) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
