using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Epic.LaunchSimulator;

/// <summary>Launch tokens not yet redeemed at the authorize endpoint. Each is good for one authorize.</summary>
internal sealed class LaunchStore(IOptions<SandboxOptions> options) : ISandboxState
{
    public const int RecentCount = 10;

    private readonly BoundedStore<string, LaunchContext> launches = new(options.Value.MaxStoredItems, StringComparer.Ordinal);
    private readonly BoundedLog<LaunchContext> recent = new(RecentCount);

    public Simulator Simulator => Simulator.Epic;

    public string Add(LaunchContext context)
    {
        var token = RandomIds.Token();
        launches.Set(token, context);
        recent.Add(context);
        return token;
    }

    /// <summary>The newest launches first, so the launch page can offer "launch the patient for this CSN".</summary>
    public IReadOnlyList<LaunchContext> Recent() => recent.Snapshot().Reverse().ToList();

    /// <summary>Redeems the token; false when it is unknown, expired, or a concurrent caller got it first.</summary>
    public bool TryRedeem(string token, DateTimeOffset now, out LaunchContext context) =>
        launches.TryTake(token, out context) && context.ExpiresAt > now;

    public void Reset()
    {
        launches.Clear();
        recent.Clear();
    }
}
