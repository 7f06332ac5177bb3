using System.Text.RegularExpressions;

namespace EpicZoom.Benchmarks.Common;

/// <summary>EpicZoom's captured log, reduced to what a report lists: its warnings and errors, grouped by kind.</summary>
internal static partial class AppLog
{
    public static List<string> WarningsAndErrors(IEnumerable<string> log) =>
        log.Where(l => !l.StartsWith("Information", StringComparison.Ordinal) && !l.StartsWith("Debug", StringComparison.Ordinal) && !l.StartsWith("Trace", StringComparison.Ordinal)).ToList();

    /// <summary>The most frequent kinds: each line's first line with durations and key ids blanked out, clipped.</summary>
    public static IEnumerable<(int Count, string Line)> Kinds(IEnumerable<string> lines, int top = 6) =>
        lines.GroupBy(l => Clip(Variable().Replace(l.Split('\n')[0], "…"), 160)).OrderByDescending(g => g.Count()).Take(top).Select(g => (g.Count(), g.Key));

    public static string Clip(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    /// <summary>What differs between two log lines of one kind: durations, key ids.</summary>
    [GeneratedRegex(@"(?<=\()\d+ms(?=\))|\{[0-9a-f-]{36}\}")]
    private static partial Regex Variable();
}
