namespace EpicZoom.Application.Sms.Common;

/// <summary>
/// How many texts EpicZoom sends before it refuses (refusals are recorded, and do not count): enough for a resend or a
/// corrected number, too few to spam a patient or run up a bill. Soft limits: two clicks at the same instant may both pass.
/// </summary>
public static class SmsLimits
{
    public const int PerVisit = 5;
    public static readonly TimeSpan PerVisitWindow = TimeSpan.FromHours(1);

    public const int PerNumber = 10;
    public static readonly TimeSpan PerNumberWindow = TimeSpan.FromHours(24);

    /// <summary>Twilio's words for "stop texting me" and "you may text me again" (Advanced Opt-Out defaults).</summary>
    public static readonly IReadOnlySet<string> OptOutWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE" };

    public static readonly IReadOnlySet<string> OptInWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { "START", "UNSTOP", "YES", "OPTIN" };
}
