using System.Text;
using System.Text.RegularExpressions;
using static EpicZoom.Sandbox.Common.Html;

namespace EpicZoom.Sandbox.Sms.Inbox;

/// <summary>
/// A message body as HTML: http(s) URLs become links (the visit links EpicZoom texts), all
/// other text is encoded, since anyone who can send through the simulator chooses it.
/// </summary>
internal static partial class MessageText
{
    // Punctuation that ends a sentence more often than it ends a URL.
    private static readonly char[] TrailingPunctuation = ['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '"'];

    public static string ToHtml(string body)
    {
        var html = new StringBuilder();
        var position = 0;
        foreach (Match match in Url().Matches(body))
        {
            var url = match.Value.TrimEnd(TrailingPunctuation);
            html.Append(E(body[position..match.Index]))
                .Append($"""<a href="{E(url)}" target="_blank" rel="noopener noreferrer">{E(url)}</a>""");
            position = match.Index + url.Length;
        }

        return html.Append(E(body[position..])).ToString();
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
