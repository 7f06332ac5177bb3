namespace EpicZoom.Application.Common.Interfaces;

public interface ICurrentUser
{
    /// <summary>The signed-in admin's user name, or null for anonymous callers (Epic, Zoom, patients).</summary>
    string? UserName { get; }

    bool IsInRole(string role);
}
