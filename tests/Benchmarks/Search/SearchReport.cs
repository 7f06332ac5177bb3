using EpicZoom.Benchmarks.Common;
using EpicZoom.Infrastructure.Persistence;

namespace EpicZoom.Benchmarks.Search;

/// <summary>Prints the figures as Markdown, so a run can be pasted into docs/benchmarks.md as it is.</summary>
internal sealed class SearchReport(SearchOptions options, IReadOnlyList<DatabaseSearch> results, TextWriter output)
{
    /// <summary>A search slower than this at p50 is flagged.</summary>
    public const double SlowMs = 100;

    public bool Failed { get; private set; }

    public void Print(TimeSpan total)
    {
        Line("# EpicZoom notification search benchmark");
        Line();
        Machine.Describe(output);
        Line("- deep pages: \"Next, pages 2–200\" follows the page's cursor from page 1, timing each page once; \"page N by cursor\" jumps there with the cursor of the row just before it " +
             "(found by following the cursor 1,000 rows at a time), repeated like the other searches");
        Line("- setup: EpicZoom (sandbox on, background workers running) in this process; SearchNotificationsQuery sent through its MediatR pipeline as an admin, " +
             "one DI scope per search, as the Notification Records page does (50 rows a page, newest first)");
        Line($"- options: {options}");
        Line($"- wall time: {total.TotalSeconds:0}s in all");
        Line();
        foreach (var result in results) Database(result);
    }

    private void Database(DatabaseSearch result)
    {
        var name = result.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        var fill = result.Fill;
        Line($"## {name}: {fill.Records:N0} notification records");
        Line();
        Line($"- database: {result.Setup}");
        Line($"- data: {result.Plan.Visits:N0} visits over a year ({result.Plan.StartUtc:yyyy-MM-dd} to {result.Plan.EndUtc:yyyy-MM-dd}), 3 tenants, {FillPlan.Providers:N0} providers; " +
             $"{fill.Attempts:N0} NotificationAttempts; {fill.Bytes / (1024.0 * 1024 * 1024):0.00} GiB on disk");
        Line($"- fill: bulk INSERT … SELECT {fill.Insert.TotalSeconds:0} s ({fill.Records / fill.Insert.TotalSeconds:N0} records/s with their attempts), " +
             $"indexes rebuilt {fill.Indexes.TotalSeconds:0} s{(fill.Vacuum > TimeSpan.Zero ? $", VACUUM ANALYZE {fill.Vacuum.TotalSeconds:0} s" : "")}; indexes: {string.Join(", ", fill.IndexNames)}");
        Line();
        Line("Time per search (ms), client side of the MediatR call; then the SQL commands' own time (summed per search: from sending to the last row read).");
        Line();
        Line("| search | Total | rows | n | p50 | p90 | p95 | p99 | max | count SQL p50 / p99 | page SQL p50 / p99 | commands |");
        Line("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var shape in result.Shapes)
        {
            var slow = shape.Total.At(50) > SlowMs;
            Line($"| {shape.Shape.Name}{(slow ? " **(slow)**" : "")} | {shape.Matched:N0} | {shape.Rows} | {shape.Total.Count} | {shape.Total.At(50):0.0} | {shape.Total.At(90):0.0} | {shape.Total.At(95):0.0} | " +
                 $"{shape.Total.At(99):0.0} | {shape.Total.Max:0.0} | {Kind(shape, SearchBenchmark.CountCommand)} | {Kind(shape, SearchBenchmark.PageCommand)} | {shape.CommandsPerSearch} |");
        }
        Line();
        var logged = AppLog.WarningsAndErrors(result.AppLog);
        Line($"- EpicZoom logged {logged.Count} warnings or errors{(logged.Count > 0 ? ":" : "")}");
        foreach (var (count, line) in AppLog.Kinds(logged)) Line($"  - {count}× `{line}`");
        Line();

        if (!options.Explain) return;
        Line($"### {name}: query plans ({(result.Provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN" : "EXPLAIN (ANALYZE, BUFFERS)")}) of each search's last run");
        Line();
        foreach (var shape in result.Shapes)
        {
            Line("<details><summary>" + shape.Shape.Name + $" — p50 {shape.Total.At(50):0.0} ms</summary>");
            Line();
            foreach (var (kind, sql, plan) in shape.Plans)
            {
                Line($"{kind}:");
                Line();
                Line("```sql");
                Line(sql.Trim());
                Line("```");
                Line("```");
                Line(plan);
                Line("```");
                Line();
            }
            Line("</details>");
            Line();
        }
    }

    private static string Kind(ShapeRun shape, string kind) =>
        shape.Commands.TryGetValue(kind, out var p) ? $"{p.At(50):0.0} / {p.At(99):0.0}" : "-";

    private void Line(string text = "") => output.WriteLine(text);
}
