using EpicZoom.Application.Common.Interfaces;

namespace EpicZoom.Web.Account;

/// <summary>A signed-in user asked for a page or API their role does not open: audited, then shown a page (or a 403).</summary>
internal static class AccessDenied
{
    public const string Path = "/account/access-denied";

    public static Task AuditAsync(HttpContext context)
    {
        var name = context.User.Identity is { IsAuthenticated: true } identity ? identity.Name : null;
        if (string.IsNullOrEmpty(name)) return Task.CompletedTask;
        // The path only: a query string can carry search terms (names, CSNs).
        return context.RequestServices.GetRequiredService<IAccessAudit>()
            .RecordDeniedAsync(name, $"{context.Request.Method} {context.Request.Path}", "not open to the user's role", context.RequestAborted);
    }
}
