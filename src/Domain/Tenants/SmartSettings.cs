using System.Text.RegularExpressions;
using EpicZoom.Domain.Common;

namespace EpicZoom.Domain.Tenants;

/// <summary>
/// EpicZoom as a SMART app of the tenant's Epic: the scopes it asks for in an EHR launch and for backend-services
/// tokens, and which EHR origins may show it in a frame (Content-Security-Policy frame-ancestors; none = DENY).
/// </summary>
public sealed partial record SmartSettings(string LaunchScopes, string BackendScopes, string FrameAncestors)
{
    /// <summary>
    /// SMART v2 syntax (App Launch 2.x): the identity scopes and read access to exactly what a launch reads — the
    /// clinician (e-mail for their own Zoom account), the patient (mobile to text a link) and the encounter (who hosts).
    /// An Epic that knows only v1 takes the same with ".read" (README, "SMART scopes").
    /// </summary>
    public const string DefaultLaunchScopes = "launch openid fhirUser user/Practitioner.rs patient/Patient.rs patient/Encounter.rs";

    public const string V1LaunchScopes = "launch openid fhirUser user/Practitioner.read patient/Patient.read patient/Encounter.read";

    /// <summary>SMART Backend Services requires a scope; Epic grants what the app registration allows whatever is asked.</summary>
    public const string DefaultBackendScopes = "system/Practitioner.rs system/Patient.rs system/Encounter.rs";

    public const int MaxScopesLength = 1000;
    public const int MaxFrameAncestorsLength = 1000;
    public const int MaxFrameAncestors = 10;

    public static readonly IReadOnlyList<string> RequiredLaunchScopes = ["launch", "openid", "fhirUser"];

    public static SmartSettings Default { get; } = new(DefaultLaunchScopes, DefaultBackendScopes, "");

    public IReadOnlyList<string> FrameAncestorList => Split(FrameAncestors);

    /// <summary>Why <paramref name="scopes"/> cannot be asked for in an EHR launch, or null.</summary>
    public static string? LaunchScopesProblem(string? scopes)
    {
        if (CommonProblem(scopes) is { } problem) return problem;
        var tokens = Split(scopes!);
        var missing = RequiredLaunchScopes.Where(r => !tokens.Contains(r, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0) return $"The launch scopes must include {string.Join(", ", missing)} (an EHR launch needs 'launch openid fhirUser').";
        var bad = tokens.FirstOrDefault(t => t.Contains('/') && (SmartScope.TryParse(t) is not { } s || s.Context == "system"));
        return bad is null ? null
            : $"'{bad}' is not a SMART patient/ or user/ scope such as patient/Patient.rs (v2) or patient/Patient.read (v1).";
    }

    /// <summary>Why <paramref name="scopes"/> cannot be asked for with client_credentials, or null.</summary>
    public static string? BackendScopesProblem(string? scopes)
    {
        if (CommonProblem(scopes) is { } problem) return problem;
        var bad = Split(scopes!).FirstOrDefault(t => SmartScope.TryParse(t) is not { Context: "system" });
        return bad is null ? null : $"'{bad}' is not a SMART system/ scope such as system/Patient.rs (v2) or system/Patient.read (v1).";
    }

    /// <summary>Why the list cannot be a frame-ancestors source list, or null. Each entry is an origin: https://host[:port], optionally *.host.</summary>
    public static string? FrameAncestorsProblem(string? origins)
    {
        if (string.IsNullOrWhiteSpace(origins)) return null;
        if (origins.Length > MaxFrameAncestorsLength) return $"The frame ancestors must be at most {MaxFrameAncestorsLength} characters.";
        var list = Split(origins);
        if (list.Count > MaxFrameAncestors) return $"List at most {MaxFrameAncestors} origins.";
        var bad = list.FirstOrDefault(o => !IsOrigin(o));
        return bad is null ? null
            : $"'{bad}' is not an origin: write https://host or https://host:port (no path, no quotes; *.host for subdomains).";
    }

    /// <summary>Origins normalised for a CSP header: lower case, without a trailing slash, one space apart.</summary>
    public static string NormalizeFrameAncestors(string? origins) =>
        string.Join(' ', Split(origins ?? "").Select(o => o.TrimEnd('/').ToLowerInvariant()).Distinct(StringComparer.Ordinal));

    public static string NormalizeScopes(string scopes) => string.Join(' ', Split(scopes).Distinct(StringComparer.Ordinal));

    public static IReadOnlyList<string> Split(string value) => value.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries);

    private static string? CommonProblem(string? scopes)
    {
        if (string.IsNullOrWhiteSpace(scopes)) return "Enter the scopes, separated by spaces.";
        if (scopes.Length > MaxScopesLength) return $"The scopes must be at most {MaxScopesLength} characters.";
        var bad = Split(scopes).FirstOrDefault(t => !ScopeToken().IsMatch(t));
        return bad is null ? null : "A scope may hold only printable ASCII without quotes or backslashes (RFC 6749 §3.3).";
    }

    private static bool IsOrigin(string value)
    {
        var origin = value.TrimEnd('/');
        var wildcard = origin.Contains("://*.", StringComparison.Ordinal);
        if (!Uri.TryCreate(wildcard ? origin.Replace("://*.", "://wildcard.", StringComparison.Ordinal) : origin, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && HttpUrl.IsLoopback(uri))) return false;
        if (!OriginShape().IsMatch(origin)) return false;
        return uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
    }

    // RFC 6749 §3.3 scope-token: %x21 / %x23-5B / %x5D-7E.
    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]+\z")]
    private static partial Regex ScopeToken();

    [GeneratedRegex(@"^https?://(\*\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?\z", RegexOptions.IgnoreCase)]
    private static partial Regex OriginShape();
}

/// <summary>
/// One SMART clinical scope, v1 (<c>patient/Patient.read</c>, <c>user/*.*</c>) or v2 (<c>patient/Patient.rs</c>,
/// <c>user/Encounter.r?category=…</c>). Only what EpicZoom needs: may it read a resource type?
/// </summary>
public sealed partial record SmartScope(string Context, string Resource, bool Read)
{
    public static SmartScope? TryParse(string scope)
    {
        var match = Pattern().Match(scope);
        if (!match.Success) return null;
        var permissions = match.Groups["perm"].Value;
        bool read;
        if (permissions is "read" or "*") read = true;
        else if (permissions == "write") read = false;
        else if (V2Permissions().IsMatch(permissions)) read = permissions.Contains('r');
        else return null;
        return new SmartScope(match.Groups["ctx"].Value, match.Groups["res"].Value, read);
    }

    /// <summary>Whether these granted scopes let a token read <paramref name="resourceType"/> in any context.</summary>
    public static bool AllowsRead(IEnumerable<string> granted, string resourceType) =>
        granted.Select(TryParse).Any(s => s is { Read: true } && (s.Resource == "*" || s.Resource == resourceType));

    [GeneratedRegex(@"^(?<ctx>patient|user|system)/(?<res>\*|[A-Z][A-Za-z]{1,63})\.(?<perm>[a-z*]+)(\?.*)?\z")]
    private static partial Regex Pattern();

    // v2: c, r, u, d, s, each at most once, in this order.
    [GeneratedRegex(@"^c?r?u?d?s?\z")]
    private static partial Regex V2Permissions();
}
