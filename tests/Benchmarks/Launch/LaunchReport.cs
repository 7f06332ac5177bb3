using System.Globalization;
using EpicZoom.Benchmarks.Common;
using EpicZoom.Infrastructure.Persistence;

namespace EpicZoom.Benchmarks.Launch;

/// <summary>Prints the figures as Markdown, so a run can be pasted into docs/benchmarks.md as it is.</summary>
internal sealed class LaunchReport(
    LaunchOptions options, IReadOnlyList<MeasuredLaunch> launches, IReadOnlyList<ScenarioLoad> loads,
    int unmatchedRecords, int recordCount, IReadOnlyList<string> appLog, TextWriter output)
{
    private static readonly string[] Discovery = ["epic.smart.discovery", "epic.smart.metadata"];
    private static readonly string[] Tokens = ["epic.smart.token.code", "epic.smart.token.backend", "zoom.oauth.token"];
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public bool Failed { get; private set; }

    private IEnumerable<MeasuredLaunch> Reported => launches.Where(l => !Discarded(l) && l.Complete);

    private static bool Discarded(MeasuredLaunch launch) =>
        launch.Run.Spec.Scenario is LaunchBenchmark.Warmup or LaunchBenchmark.Settle;

    private IEnumerable<MeasuredLaunch> Warm => Reported.Where(l => l.Run.Spec.Scenario != LaunchBenchmark.ColdStart && IsWarm(l.Kind));

    public void Print(TimeSpan total)
    {
        Line("# EpicZoom launch benchmark");
        Line();
        Machine(total);
        Sanity();
        OwnTime();
        ClientObserved();
        DatabaseWork();
        UpstreamCalls();
        Target();
    }

    private void Machine(TimeSpan total)
    {
        Common.Machine.Describe(output);
        Line($"- setup: EpicZoom + Epic/Zoom simulators + this load driver in one process, Kestrel on loopback, {(options.Database == DatabaseProvider.Postgres ? "PostgreSQL (a throwaway local server)" : $"SQLite (WAL) under {options.DataPath ?? Path.GetTempPath()}")}");
        Line($"- options: {options}");
        Line($"- wall time: {total.TotalSeconds:0}s in all");
        Line();
        Line("| scenario | wall time | launches/s | CPU used (share of all CPUs) | max pool threads | max queued work items |");
        Line("|---|--:|--:|--:|--:|--:|");
        foreach (var load in loads)
        {
            var count = launches.Count(l => l.Run.Spec.Scenario == load.Scenario);
            Line($"| {load.Scenario} | {load.Elapsed.TotalSeconds:0.0} s | {count / load.Elapsed.TotalSeconds:0.0} | {load.CpuShare:P0} | {load.MaxThreads} | {load.MaxQueued} |");
        }
        Line();
    }

    private void Sanity()
    {
        var measured = launches.Where(l => !Discarded(l)).ToList();
        var failed = launches.Where(l => !l.Complete).ToList();
        Line($"- launches: {launches.Count} driven ({launches.Count - measured.Count} warm-up and settle, discarded), {launches.Count - failed.Count} completed; " +
             $"{recordCount} LaunchRecords read, {recordCount - unmatchedRecords} paired to their launch, {unmatchedRecords} unpaired");
        Line($"- GC collections gen0/1/2: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        var logged = AppLog.WarningsAndErrors(appLog);
        Line($"- EpicZoom logged {logged.Count} warnings or errors{(logged.Count > 0 ? ":" : "")}");
        foreach (var (count, line) in AppLog.Kinds(logged))
            Line($"  - {count}× `{line}`");
        if (failed.Count > 0)
        {
            Failed = true;
            foreach (var group in failed.GroupBy(f => (f.Run.Spec.Scenario, f.Run.Spec.Kind, Why: Why(f))))
                Line($"  - FAILED {group.Count()}× {group.Key.Scenario} / {group.Key.Kind}: {group.Key.Why}");
        }
        Line();
    }

    private void OwnTime()
    {
        Line("## EpicZoom's own time per launch (ms): begin + callback, each DurationMs − UpstreamMs");
        Line();
        Line("| scenario | launches | n | p50 | p90 | p99 | max | mean | begin p50 / p99 | callback p50 / p99 |");
        Line("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var (scenario, kind, group) in Rows())
        {
            var own = new Percentiles(group.Select(l => (double)l.OverheadMs));
            var begin = new Percentiles(group.Select(l => (double)l.BeginOverheadMs));
            var callback = new Percentiles(group.Select(l => (double)l.CallbackOverheadMs));
            Line($"| {scenario} | {kind} | {own.Count} | {own.At(50):0} | {own.At(90):0} | {own.At(99):0} | {own.Max:0} | {own.Mean:0.0} | " +
                 $"{begin.At(50):0} / {begin.At(99):0} | {callback.At(50):0} / {callback.At(99):0} |");
        }
        Line();
    }

    private void ClientObserved()
    {
        Line("## Client-observed latency (ms): p50 / p90 / p99 / max");
        Line();
        Line("End to end is the whole redirect chain (simulated Epic launch and authorize included). The two EpicZoom requests, " +
             "less their upstream waits, add what the records leave out: Kestrel, middleware, the record's own save, loopback.");
        Line();
        Line("| scenario | launches | n | end to end | EpicZoom's two requests | those less upstream | upstream waits |");
        Line("|---|---|--:|--:|--:|--:|--:|");
        foreach (var (scenario, kind, group) in Rows())
        {
            Line($"| {scenario} | {kind} | {group.Count} | {new Percentiles(group.Select(l => l.Run.EndToEndMs)).Summary("0")} | " +
                 $"{new Percentiles(group.Select(l => l.Run.EpicZoomHopsMs)).Summary("0")} | {new Percentiles(group.Select(l => l.WireOverheadMs)).Summary("0")} | " +
                 $"{new Percentiles(group.Select(l => (double)l.UpstreamMs)).Summary("0")} |");
        }
        Line();
    }

    private void DatabaseWork()
    {
        Line("## EpicZoom's database work per launch (both requests, the LaunchRecords' own saves included)");
        Line();
        Line($"A command that took {LaunchObserver.BusyRetrySleep.TotalMilliseconds:0} ms or more waited for another writer: Microsoft.Data.Sqlite retries a locked statement after a blocking {LaunchObserver.BusyRetrySleep.TotalMilliseconds:0} ms sleep.");
        Line();
        Line("| scenario | launches | n | commands | of which writes | DB time p50 / p90 / p99 / max | lock waits per launch | launches with a lock wait |");
        Line("|---|---|--:|--:|--:|--:|--:|--:|");
        foreach (var (scenario, kind, group) in Rows())
        {
            var time = new Percentiles(group.Select(l => l.Database.Milliseconds));
            Line($"| {scenario} | {kind} | {group.Count} | {group.Average(l => l.Database.Commands):0.0} | {group.Average(l => l.Database.Writes):0.0} | {time.Summary("0")} | " +
                 $"{group.Average(l => l.Database.LockWaits):0.00} | {100.0 * group.Count(l => l.Database.LockWaits > 0) / group.Count:0}% |");
        }
        Line();
    }

    private void UpstreamCalls()
    {
        var keys = Reported.SelectMany(l => l.Calls.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        Line("## Upstream calls per launch (average over the launches)");
        Line();
        Line($"| scenario | launches | n | {string.Join(" | ", keys)} |");
        Line($"|---|---|--:|{string.Concat(keys.Select(_ => "--:|"))}");
        foreach (var (scenario, kind, group) in Rows())
            Line($"| {scenario} | {kind} | {group.Count} | {string.Join(" | ", keys.Select(k => Average(group, k)))} |");
        Line();
    }

    private void Target()
    {
        var warm = Warm.ToList();
        var firsts = Reported.Where(l => l.Run.Spec.Scenario != LaunchBenchmark.ColdStart && l.Kind is LaunchBenchmark.First or LaunchBenchmark.SameCreated).ToList();
        var raced = Reported.Where(l => l.Kind == LaunchBenchmark.SameRaced).ToList();

        Line("## Target: per warm launch discovery 0, token 1; meeting create only on the visit's first launch");
        Line();
        var discovery = warm.Count(l => Discovery.Sum(l.CallsOf) > 0);
        Verdict(discovery == 0, $"discovery: {discovery} of {warm.Count} warm launches made a discovery call");

        var tokenCounts = warm.GroupBy(l => Tokens.Sum(l.CallsOf)).OrderBy(g => g.Key).Select(g => $"{g.Key} on {g.Count()}");
        var wrongTokens = warm.Count(l => Tokens.Sum(l.CallsOf) != 1);
        Verdict(wrongTokens == 0, $"token: token requests (Epic code exchange + Epic backend + Zoom S2S) per warm launch: {string.Join(", ", tokenCounts)}");

        var warmCreates = warm.Count(l => l.CallsOf(MeasuredLaunch.MeetingCreate) > 0);
        var firstsWrong = firsts.Count(l => l.CallsOf(MeasuredLaunch.MeetingCreate) != 1);
        var racedCreates = raced.Count(l => l.CallsOf(MeasuredLaunch.MeetingCreate) > 0);
        var visits = Reported.Where(l => l.Run.Spec.Scenario != LaunchBenchmark.ColdStart).GroupBy(l => l.Run.Spec.Csn).ToList();
        var visitsWrong = visits.Count(v => v.Sum(l => l.CallsOf(MeasuredLaunch.MeetingCreate)) != 1
                                           || v.Select(l => l.Run.MeetingId).OfType<long>().Distinct().Count() > 1);
        Verdict(warmCreates == 0 && firstsWrong == 0 && racedCreates == 0 && visitsWrong == 0,
            $"meeting create: {warmCreates} of {warm.Count} warm launches created one; {firsts.Count - firstsWrong} of {firsts.Count} first launches created exactly one; " +
            $"{racedCreates} of {raced.Count} launches racing a first launch created one; {visits.Count - visitsWrong} of {visits.Count} visits have exactly one meeting (one create, one meeting id in every link)");

        Line();
        Line("Other upstream calls on warm launches (average per launch; not in the target, listed so none goes unnoticed):");
        Line();
        foreach (var kind in warm.GroupBy(l => l.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var extra = kind.SelectMany(l => l.Calls.Keys).Distinct()
                .Where(k => !Discovery.Contains(k) && !Tokens.Contains(k) && k != MeasuredLaunch.MeetingCreate)
                .Order(StringComparer.Ordinal)
                .Select(k => $"{k} {Average(kind.ToList(), k)}");
            var list = string.Join(", ", extra);
            Line($"- {kind.Key} (n={kind.Count()}): {(list.Length > 0 ? list : "none")}");
        }
        Line();
    }

    /// <summary>Each scenario's kinds, then (when it has several warm kinds) all its warm launches together.</summary>
    private IEnumerable<(string Scenario, string Kind, List<MeasuredLaunch> Group)> Rows()
    {
        foreach (var scenario in Reported.GroupBy(l => l.Run.Spec.Scenario))
        {
            var kinds = scenario.GroupBy(l => l.Kind).OrderBy(g => Order(g.Key)).ToList();
            foreach (var kind in kinds) yield return (scenario.Key, kind.Key, kind.ToList());
            var warm = scenario.Where(l => IsWarm(l.Kind)).ToList();
            if (kinds.Count(k => IsWarm(k.Key)) > 1) yield return (scenario.Key, "**all warm launches**", warm);
        }
    }

    private static int Order(string kind) => kind switch
    {
        LaunchBenchmark.First or LaunchBenchmark.SameCreated => 0,
        LaunchBenchmark.SameRaced => 1,
        LaunchBenchmark.WarmProvider => 2,
        LaunchBenchmark.WarmNurse => 3,
        LaunchBenchmark.WarmPatient => 4,
        _ => 5,
    };

    private static bool IsWarm(string kind) => kind.StartsWith("warm:", StringComparison.Ordinal);

    private static string Average(IReadOnlyCollection<MeasuredLaunch> group, string key) =>
        group.Count == 0 ? "-" : (group.Sum(l => l.CallsOf(key)) / (double)group.Count).ToString("0.00", Invariant);

    private static string Why(MeasuredLaunch launch) =>
        launch.Run.Failure
        ?? (launch.Begin is null || launch.Callback is null ? "records missing" : $"{launch.Begin.Outcome} {launch.Callback.Outcome}");

    private void Verdict(bool holds, string text) => Line($"- **{(holds ? "holds" : "does NOT hold")}** — {text}");

    private void Line(string text = "") => output.WriteLine(text);
}
