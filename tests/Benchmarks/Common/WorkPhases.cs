using System.Diagnostics;
using System.Diagnostics.Metrics;
using EpicZoom.Application.Common.Diagnostics;

namespace EpicZoom.Benchmarks.Common;

/// <summary>One background worker's batches in a window: how many, how big, and where their time went.</summary>
internal sealed record WorkerFigures(string Worker, int Batches, int OneByOne, long Items, IReadOnlyList<(string Phase, double TotalMs, double MaxMs)> Phases, TimeSpan Window)
{
    public double BusyShare => Phases.Sum(p => p.TotalMs) / Window.TotalMilliseconds;

    public override string ToString() =>
        $"{Worker}: {Batches} batches ({OneByOne} applied one by one), {(Batches == 0 ? 0 : (double)Items / Batches):0.0} items each; " +
        $"per batch {string.Join(", ", Phases.Select(p => $"{p.Phase} {(Batches == 0 ? 0 : p.TotalMs / Batches):0.0} ms (max {p.MaxMs:0})"))}; busy {BusyShare:P0} of the window";
}

/// <summary>
/// Listens to EpicZoom's <c>epiczoom.work.*</c> instruments (the webhook processor's and the dispatcher's batches) for
/// one measured window: the benchmark's view into what bounds the pipeline.
/// </summary>
internal sealed class WorkPhases : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly Dictionary<string, (int Batches, int OneByOne, long Items)> batches = [];
    private readonly Dictionary<(string Worker, string Phase), (double Total, double Max)> phases = [];
    private readonly Lock gate = new();

    private WorkPhases()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EpicZoomMetrics.MeterName && instrument.Name.StartsWith("epiczoom.work.", StringComparison.Ordinal))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var (worker, path) = (Tag(tags, "worker"), Tag(tags, "path"));
            lock (gate)
            {
                var now = batches.GetValueOrDefault(worker);
                batches[worker] = (now.Batches + 1, now.OneByOne + (path == "one_by_one" ? 1 : 0), now.Items + value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var key = (Tag(tags, "worker"), Tag(tags, "phase"));
            lock (gate)
            {
                var (total, max) = phases.GetValueOrDefault(key);
                phases[key] = (total + value * 1000, Math.Max(max, value * 1000));
            }
        });
        listener.Start();
    }

    public static WorkPhases Start() => new();

    public IReadOnlyList<WorkerFigures> Stop()
    {
        listener.Dispose();
        var window = Stopwatch.GetElapsedTime(started);
        lock (gate)
            return batches.OrderBy(b => b.Key).Select(b => new WorkerFigures(b.Key, b.Value.Batches, b.Value.OneByOne, b.Value.Items,
                phases.Where(p => p.Key.Worker == b.Key).Select(p => (p.Key.Phase, p.Value.Total, p.Value.Max)).ToList(), window)).ToList();
    }

    public void Dispose() => listener.Dispose();

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
            if (tag.Key == name) return tag.Value?.ToString() ?? "";
        return "";
    }
}
