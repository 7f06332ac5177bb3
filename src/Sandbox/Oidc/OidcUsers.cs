namespace EpicZoom.Sandbox.Oidc;

/// <summary>A test person the sandbox IdP signs in; <see cref="Groups"/> go into the id_token's groups claim.</summary>
internal sealed record OidcUser(string Subject, string Name, string Email, string Role, IReadOnlyList<string> Groups);

/// <summary>One test user per portal role and one whose groups map to none (docs/sandbox.md).</summary>
internal static class OidcUsers
{
    public static IReadOnlyList<OidcUser> All { get; } =
    [
        new("sandbox-ada", "Ada Administrator", "ada@sandbox-health.example", "Administrator", [SandboxDefaults.OidcAdministratorsGroup, "all-staff"]),
        new("sandbox-hal", "Hal Help-Desk", "hal@sandbox-health.example", "Help desk", [SandboxDefaults.OidcHelpDeskGroup, "all-staff"]),
        new("sandbox-audrey", "Audrey Auditor", "audrey@sandbox-health.example", "Auditor", [SandboxDefaults.OidcAuditorsGroup, "all-staff"]),
        new("sandbox-nico", "Nico No-Group", "nico@sandbox-health.example", "no EpicZoom group", ["all-staff"]),
    ];

    public static OidcUser? Find(string? subject) => All.FirstOrDefault(u => u.Subject == subject);
}
