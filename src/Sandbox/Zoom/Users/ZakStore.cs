using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Zoom.Users;

internal sealed record Zak(string UserId, DateTimeOffset ExpiresAt);

/// <summary>
/// Zoom Access Keys: the host credential inside a start_url. Each read of a meeting mints a new
/// one; custCreate hosts get 90 days, everyone else 2 hours, as Zoom documents.
/// </summary>
internal sealed class ZakStore(IOptions<SandboxOptions> options, TimeProvider time) : ISandboxState
{
    private readonly BoundedStore<string, Zak> zaks = new(options.Value.MaxStoredItems, StringComparer.Ordinal);

    public Simulator Simulator => Simulator.Zoom;

    public string Issue(ZoomUser user)
    {
        var lifetime = user.Action == "custCreate" ? TimeSpan.FromDays(90) : TimeSpan.FromHours(2);
        var token = RandomIds.Token();
        zaks.Set(token, new Zak(user.Id, time.GetUtcNow() + lifetime));
        return token;
    }

    /// <summary>The user the ZAK belongs to, or null when it is unknown or expired.</summary>
    public string? UserOf(string? zak) =>
        zak is not null && zaks.TryGet(zak, out var value) && value.ExpiresAt > time.GetUtcNow() ? value.UserId : null;

    public void Reset() => zaks.Clear();
}
