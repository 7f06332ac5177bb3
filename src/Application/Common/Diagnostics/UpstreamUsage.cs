using System.Collections.Concurrent;

namespace EpicZoom.Application.Common.Diagnostics;

/// <summary>
/// Time and calls spent waiting on Epic and Zoom within one use case (an ambient, async-flowing tally), so a launch
/// can tell its own overhead from its upstream waits. Outgoing HTTP handlers add to <see cref="Current"/>.
/// </summary>
public sealed class UpstreamUsage
{
    private static readonly AsyncLocal<UpstreamUsage?> Ambient = new();
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);
    private long elapsedTicks;

    public static UpstreamUsage? Current => Ambient.Value;

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref elapsedTicks));

    public IReadOnlyDictionary<string, int> Calls => calls;

    public int CallCount => calls.Values.Sum();

    /// <summary>Starts a tally for the current async flow (and the calls it makes).</summary>
    public static UpstreamUsage Begin() => Ambient.Value = new UpstreamUsage();

    public void Add(string operation, TimeSpan elapsed)
    {
        Interlocked.Add(ref elapsedTicks, elapsed.Ticks);
        calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
    }

    /// <summary>"smart.token.code=1 zoom.meetings.get=1": which upstream calls a launch made, for its record.</summary>
    public string Summary() => string.Join(' ', calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
}
