using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Epic.LaunchSimulator;

/// <summary>Launch tokens not yet redeemed at the authorize endpoint. Each is good for one authorize.</summary>
internal sealed class LaunchStore(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedStore<string, LaunchContext> launches = new(options.Value.MaxStoredItems, StringComparer.Ordinal);

    public Simulator Simulator => Simulator.Epic;

    public string Add(LaunchContext context)
    {
        var token = RandomIds.Token();
        launches.Set(token, context);
        return token;
    }

    /// <summary>Redeems the token; false when it is unknown, expired, or a concurrent caller got it first.</summary>
    public bool TryRedeem(string token, DateTimeOffset now, out LaunchContext context) =>
        launches.TryTake(token, out context) && context.ExpiresAt > now;

    public void Reset() => launches.Clear();
}
