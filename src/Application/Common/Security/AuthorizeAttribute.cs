namespace EpicZoom.Application.Common.Security;

/// <summary>
/// Marks a request that only a signed-in user in one of <see cref="Roles"/> (comma-separated) may send. Every admin
/// request names its roles, from the sets in <see cref="AppRoles"/>; an architecture test holds them to that.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class AuthorizeAttribute : Attribute
{
    public string Roles { get; init; } = "";
}

/// <summary>The portal's roles (docs/sso.md) and the sets requests and pages are opened to.</summary>
public static class AppRoles
{
    /// <summary>Everything: tenants and their secrets, local accounts, deletions.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Shown as "Help desk": dashboard, visits, notification records incl. replay, launch records, troubleshooting; no edits, no secrets.</summary>
    public const string HelpDesk = "HelpDesk";

    /// <summary>Reads everything the portal shows, the audit included; changes nothing, replays nothing.</summary>
    public const string Auditor = "Auditor";

    /// <summary>The role the portal called its admins before the three roles; existing holders become <see cref="Administrator"/> at start-up.</summary>
    public const string LegacyAdmin = "Admin";

    /// <summary>Reads what every portal user may read.</summary>
    public const string Everyone = Administrator + "," + HelpDesk + "," + Auditor;

    /// <summary>Acts on operations (replay a report, process an event again) without touching configuration.</summary>
    public const string Operators = Administrator + "," + HelpDesk;

    /// <summary>Reads the record of who did what (audit, usage).</summary>
    public const string Overseers = Administrator + "," + Auditor;

    public static IReadOnlyList<string> All { get; } = [Administrator, HelpDesk, Auditor];

    /// <summary>How a role is shown to people.</summary>
    public static string DisplayName(string role) => role switch
    {
        HelpDesk => "Help desk",
        _ => role,
    };
}
