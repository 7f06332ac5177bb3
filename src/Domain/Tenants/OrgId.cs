using System.Text.RegularExpressions;

namespace EpicZoom.Domain.Tenants;

/// <summary>
/// The tenant's public identifier in launch URLs (the role the Zoom API key played in the original product).
/// URL-safe so it can be pasted into an FDI record without encoding; stored lower-case.
/// </summary>
public static partial class OrgId
{
    public const int MinLength = 3;
    public const int MaxLength = 64;

    [GeneratedRegex(@"^[A-Za-z0-9_-]+\z")]
    private static partial Regex Allowed();

    public static string Normalize(string value) => value.Trim().ToLowerInvariant();

    public static bool IsValid(string? value) =>
        value is { Length: >= MinLength and <= MaxLength } && Allowed().IsMatch(value);
}
