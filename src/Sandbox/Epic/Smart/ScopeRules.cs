using System.Text.RegularExpressions;

namespace EpicZoom.Sandbox.Epic.Smart;

/// <summary>Which scopes a client gets, and whether a granted scope lets a token read a resource type.</summary>
internal static partial class ScopeRules
{
    public static string Grant(SandboxEpicClient client, string requested)
    {
        var asked = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (client.GrantableScopes is null)
        {
            return string.Join(' ', asked);
        }

        var grantable = client.GrantableScopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', asked.Where(s => grantable.Contains(s, StringComparer.Ordinal)));
    }

    public static bool AllowsRead(string grantedScopes, string resourceType) =>
        grantedScopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(scope =>
        {
            var match = ClinicalScope().Match(scope);
            if (!match.Success || (match.Groups["res"].Value != "*" && match.Groups["res"].Value != resourceType))
            {
                return false;
            }

            var permissions = match.Groups["perm"].Value;
            return permissions is "read" or "*" || (permissions != "write" && permissions.Contains('r'));
        });

    [GeneratedRegex(@"^(patient|user|system)/(?<res>\*|[A-Za-z]+)\.(?<perm>[a-z*]+)(\?.*)?$")]
    private static partial Regex ClinicalScope();
}
