using EpicZoom.Domain.Launch;

namespace EpicZoom.Benchmarks.Launch;

/// <summary>A launch as the client saw it, with the begin and callback records EpicZoom wrote for it.</summary>
internal sealed class MeasuredLaunch(LaunchRun run, LaunchRecord? begin, LaunchRecord? callback, DatabaseUse database)
{
    public const string MeetingCreate = "zoom.meetings.create";

    public LaunchRun Run { get; } = run;

    public LaunchRecord? Begin { get; } = begin;

    public LaunchRecord? Callback { get; } = callback;

    /// <summary>EpicZoom's database commands during its two requests.</summary>
    public DatabaseUse Database { get; } = database;

    /// <summary>The scenario's kind, unless a later look at the records tells more (who won a race to create).</summary>
    public string Kind { get; set; } = run.Spec.Kind;

    public bool Complete => Run.Failure is null && Begin is not null && Callback is not null
        && Begin.Outcome == "begin:OK" && Callback.Outcome == "callback:OK";

    /// <summary>EpicZoom's own time: both steps' durations less their waits on Epic and Zoom.</summary>
    public int OverheadMs => Own(Begin!) + Own(Callback!);

    public int BeginOverheadMs => Own(Begin!);

    public int CallbackOverheadMs => Own(Callback!);

    public int UpstreamMs => Begin!.UpstreamMs + Callback!.UpstreamMs;

    /// <summary>Client-observed time of EpicZoom's two requests less their upstream waits: adds what the records leave out (Kestrel, middleware, the record's own save, response writing, loopback).</summary>
    public double WireOverheadMs => Run.EpicZoomHopsMs - UpstreamMs;

    public IReadOnlyDictionary<string, int> Calls => calls ??= Merge(Begin?.UpstreamCalls, Callback?.UpstreamCalls);

    private Dictionary<string, int>? calls;

    public int CallsOf(string operation) => Calls.TryGetValue(operation, out var n) ? n : 0;

    private static int Own(LaunchRecord record) => record.DurationMs - record.UpstreamMs;

    /// <summary>"epic.smart.token.code=1 zoom.meetings.get=1" from each step, summed.</summary>
    private static Dictionary<string, int> Merge(params string?[] summaries)
    {
        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in summaries.SelectMany(s => (s ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            var equals = part.LastIndexOf('=');
            if (equals <= 0 || !int.TryParse(part.AsSpan(equals + 1), out var count)) continue;
            var key = part[..equals];
            merged[key] = merged.GetValueOrDefault(key) + count;
        }
        return merged;
    }
}
