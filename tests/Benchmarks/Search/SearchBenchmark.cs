using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using EpicZoom.Application.Notifications.SearchNotifications;
using EpicZoom.Benchmarks.Common;
using EpicZoom.Domain.Notifications;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EpicZoom.Benchmarks.Search;

/// <summary>
/// One search the Notification Records page makes. <see cref="Walk"/>: not one search repeated but the page's Next
/// followed from the first page to page <see cref="WalkPages"/>, each page timed once.
/// </summary>
internal sealed record SearchShape(string Name, SearchNotificationsQuery Query, bool Walk = false)
{
    public const int WalkPages = 200;
}

/// <summary>One shape's runs: total time per search, each kind of SQL command's time, what it found, the plans.</summary>
internal sealed record ShapeRun(
    SearchShape Shape, Percentiles Total, IReadOnlyDictionary<string, Percentiles> Commands, int Matched, int Rows, int CommandsPerSearch,
    IReadOnlyList<(string Kind, string Sql, string Plan)> Plans);

internal sealed record DatabaseSearch(DatabaseProvider Provider, string Setup, FillPlan Plan, FillResult Fill, IReadOnlyList<ShapeRun> Shapes, IReadOnlyList<string> AppLog);

/// <summary>
/// Notification search at scale: NotificationRecords filled by bulk SQL (<see cref="NotificationFill"/>), then
/// <see cref="SearchNotificationsQuery"/> sent through EpicZoom's MediatR pipeline (validation, admin authorization,
/// the handler, EF Core) as the Notification Records page sends it, for each search shape the page offers.
/// </summary>
internal sealed class SearchBenchmark(SearchOptions options)
{
    public const string CountCommand = "count";
    public const string PageCommand = "page";
    public const string OtherCommand = "tenant names";

    /// <summary>A shape stops repeating after this long, once it has run 5 times (seconds-long searches would take the run for themselves).</summary>
    private static readonly TimeSpan ShapeBudget = TimeSpan.FromSeconds(40);

    public static async Task<int> RunAsync(SearchOptions options)
    {
        var total = Stopwatch.StartNew();
        var output = Console.Out;
        Console.SetOut(Console.Error);
        using var observer = new SearchObserver();
        var benchmark = new SearchBenchmark(options);
        var results = new List<DatabaseSearch>();
        foreach (var provider in options.Databases) results.Add(await benchmark.DatabaseAsync(provider));
        var report = new SearchReport(options, results, output);
        report.Print(total.Elapsed);
        return report.Failed ? 1 : 0;
    }

    private async Task<DatabaseSearch> DatabaseAsync(DatabaseProvider provider)
    {
        var name = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        Console.Error.WriteLine($"Starting EpicZoom with the sandbox on Kestrel, {name}...");
        await using var host = await BenchApp.StartAsync(provider, options.DataPath);
        var plan = new FillPlan(options.RowsFor(provider), DateTime.UtcNow);
        Console.Error.WriteLine($"  filling {plan.Rows:N0} notification records...");
        var tenants = await NotificationFill.TenantsAsync(provider, host.ConnectionString);
        var fill = await NotificationFill.FillAsync(provider, host.ConnectionString, plan, tenants, options.Attempts);
        Console.Error.WriteLine($"  filled in {fill.Insert.TotalSeconds:0} s + indexes {fill.Indexes.TotalSeconds:0} s + vacuum {fill.Vacuum.TotalSeconds:0} s");

        var shapes = new List<ShapeRun>();
        foreach (var shape in Shapes(plan, tenants))
        {
            Console.Error.WriteLine($"  {shape.Name}...");
            shapes.Add(await TimeAsync(host, provider, shape));
            foreach (var deep in await DeepShapesAsync(host, shape))
            {
                Console.Error.WriteLine($"  {deep.Name}...");
                shapes.Add(await TimeAsync(host, provider, deep));
            }
        }
        return new DatabaseSearch(provider, host.Describe(), plan, fill, shapes, [.. host.App.LogLines]);
    }

    /// <summary>The searches of the Notification Records page (50 rows a page, newest first), with values that exist in the data.</summary>
    public static IReadOnlyList<SearchShape> Shapes(FillPlan plan, IReadOnlyList<string> tenants)
    {
        var v = plan.Visits;
        var meeting = FillPlan.MeetingId(v / 3).ToString(CultureInfo.InvariantCulture);
        var day = plan.VisitStartUtc(v / 2).Date;
        var month = plan.EndUtc.Date.AddDays(-30);
        return
        [
            new("first page, no filter", new SearchNotificationsQuery()),
            new("by CSN", new SearchNotificationsQuery(MeetingIdOrCsn: FillPlan.Csn(2 * v / 5))),
            new("by meeting id (typed with spaces)", new SearchNotificationsQuery(MeetingIdOrCsn: $"{meeting[..3]} {meeting[3..7]} {meeting[7..]}")),
            new("by participant: a provider", new SearchNotificationsQuery(Participant: FillPlan.ProviderId(v / 2))),
            new("by participant: a patient", new SearchNotificationsQuery(Participant: FillPlan.PatientId(v / 5))),
            new("date range: one day", new SearchNotificationsQuery(FromUtc: day, ToUtc: day.AddDays(1))),
            new("date range: last 30 days", new SearchNotificationsQuery(FromUtc: month, ToUtc: plan.EndUtc.Date.AddDays(1))),
            new("status Failed", new SearchNotificationsQuery(Status: NotificationStatus.Failed)),
            new("RespCode 401", new SearchNotificationsQuery(RespCode: 401)),
            new("status Failed, last 30 days", new SearchNotificationsQuery(FromUtc: month, ToUtc: plan.EndUtc.Date.AddDays(1), Status: NotificationStatus.Failed)),
            new("tenant (the largest)", new SearchNotificationsQuery(TenantId: Guid.Parse(tenants[0]))),
        ];
    }

    /// <summary>The pages of 50 that start after these rows (0-based): page 200 (the last one a capped count shows) and page 1,001.</summary>
    private static readonly (int Page, int Row)[] DeepPages = [(200, 199 * 50 - 1), (1_001, 1_000 * 50 - 1)];

    /// <summary>
    /// For a filter: its Next followed from page 1 to 200, and pages 200 and 1,001 reached by jumping with the cursor
    /// of the row just before them (found by following the query's own cursor, 1,000 rows a page); for no filter also
    /// page 1,000 read backwards (Previous from page 1,001). A filter with too few matches gets only what it reaches.
    /// </summary>
    private static async Task<IReadOnlyList<SearchShape>> DeepShapesAsync(BenchApp host, SearchShape shape)
    {
        var deep = new List<SearchShape> { new($"{shape.Name}: Next, pages 2–{SearchShape.WalkPages}", shape.Query, Walk: true) };
        var wanted = DeepPages.Max(p => p.Row) + 1;
        var rows = new List<NotificationRowDto>();
        string? after = null;
        do
        {
            var page = await host.InScopeAsync(services => EpicZoomApp.SendAsAdminAsync(services,
                shape.Query with { Take = SearchNotificationsQueryValidator.MaxTake, After = after }));
            rows.AddRange(page.Items);
            after = page.NextCursor;
        }
        while (after is not null && rows.Count <= wanted);
        foreach (var (number, row) in DeepPages)
        {
            if (rows.Count <= row + 1) break;
            deep.Add(new($"{shape.Name}: page {number:N0} by cursor", shape.Query with { After = NotificationCursor.Of(rows[row]).ToString() }));
        }
        if (shape.Query == new SearchNotificationsQuery() && rows.Count > DeepPages[^1].Row + 1)
            deep.Add(new($"{shape.Name}: page 1,000 by Previous from 1,001", shape.Query with { Before = NotificationCursor.Of(rows[DeepPages[^1].Row + 1]).ToString() }));
        return deep;
    }

    private async Task<ShapeRun> TimeAsync(BenchApp host, DatabaseProvider provider, SearchShape shape)
    {
        var totals = new List<double>();
        var commands = new List<List<ExecutedCommand>>();
        NotificationPageDto? page = null;
        var started = Stopwatch.StartNew();
        // A walk: the first page untimed, then each Next once, up to page WalkPages.
        var (warmup, runs) = shape.Walk ? (1, SearchShape.WalkPages - 1) : (options.Warmup, options.Repetitions);
        for (var i = 0; i < warmup + runs; i++)
        {
            var query = shape.Query;
            if (shape.Walk && page is not null)
            {
                if (page.NextCursor is null) break;
                query = shape.Query with { After = page.NextCursor };
            }
            var executed = new List<ExecutedCommand>();
            var watch = Stopwatch.StartNew();
            page = await host.InScopeAsync(async services =>
            {
                SearchObserver.Track(executed);
                try
                {
                    return await EpicZoomApp.SendAsAdminAsync(services, query);
                }
                finally
                {
                    SearchObserver.Track(null);
                }
            });
            watch.Stop();
            if (i < warmup) continue;
            totals.Add(watch.Elapsed.TotalMilliseconds);
            commands.Add(executed);
            if (!shape.Walk && totals.Count >= 5 && started.Elapsed > ShapeBudget) break;
        }
        if (totals.Count == 0) return new ShapeRun(shape, new Percentiles([]), new Dictionary<string, Percentiles>(), page!.Total, page.Items.Count, 0, []);

        var byKind = commands.SelectMany(c => c).GroupBy(c => c.Kind)
            .ToDictionary(g => g.Key, g => new Percentiles(commands.Select(run => run.Where(c => c.Kind == g.Key).Sum(c => c.Milliseconds))));
        var plans = new List<(string, string, string)>();
        if (options.Explain)
        {
            foreach (var command in commands[^1].Where(c => c.Kind != OtherCommand))
                plans.Add((command.Kind, command.Sql, await ExplainAsync(provider, host.ConnectionString, command)));
        }
        return new ShapeRun(shape, new Percentiles(totals), byKind, page!.Total, page.Items.Count, commands[^1].Count, plans);
    }

    /// <summary>SQLite: EXPLAIN QUERY PLAN (the plan, not run). PostgreSQL: EXPLAIN (ANALYZE, BUFFERS), which runs the command once more.</summary>
    private static async Task<string> ExplainAsync(DatabaseProvider provider, string connectionString, ExecutedCommand command)
    {
        await using DbConnection connection = provider == DatabaseProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandTimeout = 0;
        explain.CommandText = (provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + command.Sql;
        foreach (var parameter in command.Parameters)
            explain.Parameters.Add(parameter is NpgsqlParameter npgsql ? npgsql.Clone() : parameter is SqliteParameter sqlite
                ? new SqliteParameter(sqlite.ParameterName, sqlite.Value) { SqliteType = sqlite.SqliteType, Size = sqlite.Size }
                : parameter);
        await using var reader = await explain.ExecuteReaderAsync();
        var lines = new List<string>();
        if (provider == DatabaseProvider.Sqlite)
        {
            // id, parent, notused, detail: indent each step under its parent.
            var depth = new Dictionary<long, int> { [0] = 0 };
            while (await reader.ReadAsync())
            {
                var level = depth.GetValueOrDefault(reader.GetInt64(1)) + 1;
                depth[reader.GetInt64(0)] = level;
                lines.Add(new string(' ', 2 * (level - 1)) + reader.GetString(3));
            }
        }
        else
        {
            while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        }
        return string.Join('\n', lines);
    }
}
