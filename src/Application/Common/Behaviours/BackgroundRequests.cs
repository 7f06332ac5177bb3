namespace EpicZoom.Application.Common.Behaviours;

/// <summary>
/// Requests that background workers send on a poll (every second when idle): the logging behaviour writes them at
/// Debug, so an idle server's log is not one "Handled" line a second. The host that runs the workers names them.
/// </summary>
public sealed class BackgroundRequests(params Type[] types)
{
    private readonly HashSet<Type> types = [.. types];

    public bool Contains(Type requestType) => types.Contains(requestType);
}
