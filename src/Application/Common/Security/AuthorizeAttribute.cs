namespace EpicZoom.Application.Common.Security;

/// <summary>Marks a request that only a signed-in user in one of <see cref="Roles"/> may send.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class AuthorizeAttribute : Attribute
{
    public string Roles { get; init; } = "";
}

public static class AppRoles
{
    public const string Admin = "Admin";
}
