namespace EpicZoom.Sandbox.Sms.Replies;

/// <summary>
/// Twilio's default opt-out keywords. A reply counts only when its whole body, trimmed and in
/// any case, is one of them; the OptOutType it carries is STOP, START or HELP.
/// </summary>
internal static class OptOutKeywords
{
    public const string Stop = "STOP";
    public const string Start = "START";
    public const string Help = "HELP";

    private static readonly HashSet<string> StopWords = new(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> StartWords = new(["START", "UNSTOP", "YES"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> HelpWords = new(["HELP", "INFO"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The OptOutType of a reply, or null for an ordinary message.</summary>
    public static string? Classify(string body)
    {
        var word = body.Trim();
        return StopWords.Contains(word) ? Stop
            : StartWords.Contains(word) ? Start
            : HelpWords.Contains(word) ? Help
            : null;
    }
}
