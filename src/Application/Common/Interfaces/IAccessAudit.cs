namespace EpicZoom.Application.Common.Interfaces;

/// <summary>
/// Records a signed-in user's refused attempt (a request or page their role does not open) in the audit trail, in a
/// unit of work of its own: the caller's is about to fail and must not carry the entry, or anything else, with it.
/// </summary>
public interface IAccessAudit
{
    /// <param name="userName">Who tried.</param>
    /// <param name="target">What they tried: a request's name or a path, never a query string or a body.</param>
    /// <param name="reason">A short, value-free reason, e.g. which roles it needs.</param>
    Task RecordDeniedAsync(string userName, string target, string reason, CancellationToken cancellationToken);
}
