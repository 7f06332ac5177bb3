using Microsoft.AspNetCore.Identity;

namespace EpicZoom.Infrastructure.Identity;

public sealed class AdminUser : IdentityUser
{
    /// <summary>Set for the generated first-run admin: the portal lets them do nothing else until they choose a password.</summary>
    public bool MustChangePassword { get; set; }
}
