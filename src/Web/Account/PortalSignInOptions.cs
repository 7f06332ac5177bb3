using EpicZoom.Application.Common.Security;
using EpicZoom.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace EpicZoom.Web.Account;

/// <summary>Section "Authentication" (docs/configuration.md, docs/sso.md): break-glass local accounts and OpenID Connect single sign-on.</summary>
public sealed class PortalSignInOptions
{
    public const string SectionName = "Authentication";

    public LocalAccountOptions LocalAccounts { get; set; } = new();

    public OidcOptions Oidc { get; set; } = new();
}

public sealed class LocalAccountOptions
{
    /// <summary>False hides the password form and refuses local sign-in (SSO only).</summary>
    public bool Enabled { get; set; } = true;
}

public sealed class OidcOptions
{
    public const string Scheme = "oidc";
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    public bool Enabled { get; set; }

    /// <summary>The button reads "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0; unset with the sandbox on: the sandbox IdP.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public List<string> Scopes { get; set; } = [];

    /// <summary>The id_token claim that lists the user's groups (Okta "groups"; Entra ID "groups" or "roles").</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Which IdP groups (ids or names, compared exactly) give each portal role.</summary>
    public RoleGroupOptions RoleGroups { get; set; } = new();

    /// <summary>openid profile email unless <see cref="Scopes"/> names others (openid is always asked for).</summary>
    public IReadOnlyList<string> EffectiveScopes => (Scopes.Count == 0 ? ["openid", "profile", "email"] : Scopes.Prepend("openid"))
        .Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The portal roles the groups of one sign-in give, in <see cref="AppRoles.All"/> order.</summary>
    public IReadOnlyList<string> RolesFor(IEnumerable<string> groups)
    {
        var held = groups.ToHashSet(StringComparer.Ordinal);
        return AppRoles.All.Where(role => RoleGroups.For(role).Any(held.Contains)).ToList();
    }
}

public sealed class RoleGroupOptions
{
    public List<string> Administrator { get; set; } = [];

    public List<string> HelpDesk { get; set; } = [];

    public List<string> Auditor { get; set; } = [];

    public IEnumerable<string> For(string role) => (role switch
    {
        AppRoles.Administrator => Administrator,
        AppRoles.HelpDesk => HelpDesk,
        AppRoles.Auditor => Auditor,
        _ => [],
    }).Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim());
}

public sealed class PortalSignInOptionsValidator(bool sandbox) : IValidateOptions<PortalSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalSignInOptions options)
    {
        var failures = new List<string>();
        var oidc = options.Oidc;
        if (!options.LocalAccounts.Enabled && !oidc.Enabled)
            failures.Add("Authentication:LocalAccounts:Enabled is false and Authentication:Oidc:Enabled is not true: nobody could sign in. Turn one of them on.");
        if (oidc.Enabled)
        {
            if (string.IsNullOrWhiteSpace(oidc.Authority) ? !sandbox : !ValidatedOptions.IsHttpUrl(oidc.Authority))
                failures.Add("Authentication:Oidc:Authority must be the identity provider's absolute issuer URL, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0.");
            else if (oidc.Authority is { Length: > 0 } authority && !IsHttpsOrLoopback(authority))
                failures.Add("Authentication:Oidc:Authority must use https:// (plain http only on a loopback address).");
            if (string.IsNullOrWhiteSpace(oidc.ClientId) || oidc.ClientId.Length > 200)
                failures.Add("Authentication:Oidc:ClientId must be the client (application) id registered at the identity provider.");
            if (string.IsNullOrWhiteSpace(oidc.ClientSecret))
                failures.Add("Authentication:Oidc:ClientSecret must be set (the confidential client's secret from the identity provider).");
            if (string.IsNullOrWhiteSpace(oidc.GroupsClaim))
                failures.Add("Authentication:Oidc:GroupsClaim must name the claim carrying the user's groups (default groups).");
            if (string.IsNullOrWhiteSpace(oidc.DisplayName) || oidc.DisplayName.Length > 60)
                failures.Add("Authentication:Oidc:DisplayName must be 1 to 60 characters (the button reads \"Sign in with …\").");
            if (!AppRoles.All.Any(r => oidc.RoleGroups.For(r).Any()))
                failures.Add("Authentication:Oidc:RoleGroups must map at least one group to a role (Administrator, HelpDesk or Auditor), or no one could sign in with SSO.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpsOrLoopback(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback);
}
