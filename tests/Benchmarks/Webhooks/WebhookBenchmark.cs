using System.Diagnostics;
using System.Globalization;
using EpicZoom.Benchmarks.Common;
using EpicZoom.Domain.Notifications;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Benchmarks.Webhooks;

/// <summary>One ingest level on EpicZoom, with what became of its webhooks: stored, and processed after the ack.</summary>
internal sealed record IngestRun(LoadLevel Level, int Stored, int BacklogAtEnd, TimeSpan Drain, TimeSpan Driven)
{
    /// <summary>Background processing rate over the level and its drain: every stored event was processed by then.</summary>
    public double ProcessedPerSecond => Stored / (Driven + Drain).TotalSeconds;
}

/// <summary>Everything one database's run produced, for the report.</summary>
internal sealed class DatabaseRun(DatabaseProvider provider, string setup)
{
    public DatabaseProvider Provider { get; } = provider;
    public string Setup { get; } = setup;
    public List<IngestRun> Ingest { get; } = [];

    /// <summary>The reference: a static file (wwwroot/app.css) served by the same Kestrel as EpicZoom, same clients, same run.</summary>
    public List<LoadLevel> StaticFile { get; } = [];
    public Dictionary<string, int> ProcessingNotes { get; set; } = [];
    public int ProcessingFailures { get; set; }
    public ReportRun? Report { get; set; }
    public List<string> AppLog { get; set; } = [];
    public TimeSpan Elapsed { get; set; }
}

/// <summary>
/// Webhook ingest (EpicZoom on SQLite and on PostgreSQL against a bare ASP.NET Core endpoint) and webhook → Epic
/// report latency. See <see cref="ClosedLoop"/>, <see cref="ReportLatency"/> and docs/benchmarks.md.
/// </summary>
internal sealed class WebhookBenchmark(WebhookOptions options)
{
    public const string Bare = "bare ASP.NET Core";
    private static readonly TimeSpan DrainPatience = TimeSpan.FromMinutes(10);
    private long noMatchCounter;

    public static async Task<int> RunAsync(WebhookOptions options)
    {
        var total = Stopwatch.StartNew();
        // The report alone goes to stdout; EpicZoom's console log goes to stderr.
        var output = Console.Out;
        Console.SetOut(Console.Error);
        var benchmark = new WebhookBenchmark(options);

        var bare = new List<LoadLevel>();
        if (options.Runs(WebhookOptions.Ingest))
        {
            Console.Error.WriteLine($"Driving a bare ASP.NET Core endpoint ({options})...");
            bare = await benchmark.BareAsync();
        }

        var runs = new List<DatabaseRun>();
        foreach (var database in options.Databases)
        {
            if (!options.Runs(WebhookOptions.Ingest) && !options.Runs(WebhookOptions.Report)) break;
            Console.Error.WriteLine($"Starting EpicZoom with the sandbox on Kestrel, {database}...");
            runs.Add(await benchmark.DatabaseAsync(database));
        }

        var killed = new List<KillTest.Result>();
        if (options.Runs(WebhookOptions.Durability))
            foreach (var database in options.Databases)
            {
                Console.Error.WriteLine($"Durability: kill -9 under load, {database}...");
                killed.Add(await KillTest.RunAsync(database, options.Clients.Max(), TimeSpan.FromSeconds(options.Seconds)));
            }
        var pipelines = new List<KillPipelineTest.Result>();
        if (options.Runs(WebhookOptions.Durability))
            foreach (var database in options.Databases)
            {
                Console.Error.WriteLine($"Durability of processing and dispatch: kill -9 at {options.Rate}/s, {database}...");
                pipelines.Add(await KillPipelineTest.RunAsync(database, options.Rate, options.Visits, TimeSpan.FromSeconds(options.Seconds)));
            }

        var outages = new List<OutageScenario.Result>();
        if (options.Runs(WebhookOptions.Outage))
            foreach (var database in options.Databases)
            {
                Console.Error.WriteLine($"Outage: Epic answers 503 for {options.OutageMinutes} min at {options.Rate}/s, {database}...");
                outages.Add(await OutageScenario.RunAsync(database, options));
            }

        var simulated = new List<ZoomSimScenario.Result>();
        if (options.Runs(WebhookOptions.ZoomSim))
            foreach (var database in options.Databases)
            {
                Console.Error.WriteLine($"Zoom simulator against direct posting at {options.Rate}/s, {database}...");
                simulated.Add(await ZoomSimScenario.RunAsync(database, options));
            }

        var report = new WebhookReport(options, bare, runs, output);
        if (runs.Count > 0) report.Print(total.Elapsed);
        if (runs.Count == 0 && (outages.Count > 0 || simulated.Count > 0 || killed.Count > 0))
        {
            output.WriteLine("# EpicZoom webhook benchmark");
            output.WriteLine();
            Machine.Describe(output);
            output.WriteLine($"- options: {options}");
            output.WriteLine($"- wall time: {total.Elapsed.TotalSeconds:0}s in all");
        }
        if (killed.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("## Durability: kill -9 in the middle of the load, restart on the same database");
            output.WriteLine();
            output.WriteLine($"EpicZoom.Web.dll (Release) as a child process, {options.Clients.Max()} clients posting distinct signed webhooks for {options.Seconds} s, then SIGKILL; restarted; WebhookEvents counted.");
            output.WriteLine();
            output.WriteLine("| database | acknowledged (2xx) | present after restart | missing | stored twice | rows in all (acknowledged + committed but unanswered) |");
            output.WriteLine("|---|--:|--:|--:|--:|--:|");
            foreach (var k in killed) output.WriteLine($"| {k.Database} | {k.Acknowledged} | {k.Present} | {k.Missing} | {k.Twice} | {k.StoredInAll} |");
        }
        if (pipelines.Count > 0) KillPipelineTest.Print(output, options.Rate, options.Visits, options.Seconds, pipelines);
        if (outages.Count > 0) OutageScenario.Print(output, options, outages);
        if (simulated.Count > 0) ZoomSimScenario.Print(output, options, simulated);
        return outages.Any(o => o.Failed) || simulated.Any(s => s.Failed) || pipelines.Any(p => p.Failed) ? 1 : (runs.Count > 0 && report.Failed) || killed.Any(k => k.Missing > 0 || k.Twice > 0 || k.Acknowledged == 0) ? 1 : 0;
    }

    private async Task<List<LoadLevel>> BareAsync()
    {
        await using var bare = await BareEndpoint.StartAsync();
        using var http = LoadClient(bare.BaseUrl);
        var levels = new List<LoadLevel>();
        foreach (var clients in options.Clients)
        {
            Console.Error.WriteLine($"  {Bare}, {clients} client(s)...");
            levels.Add(await ClosedLoop.RunAsync(Bare, http, "/", clients, TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Seconds), NoMatchEvent));
        }
        return levels;
    }

    /// <summary>Served by EpicZoom's own static-file middleware; an empty body makes the load client GET it.</summary>
    private const string StaticFilePath = "/app.css";

    private async Task<DatabaseRun> DatabaseAsync(DatabaseProvider provider)
    {
        var elapsed = Stopwatch.StartNew();
        // Ingest promises "acknowledged = on disk": PostgreSQL runs with fsync on, as SQLite syncs its commits.
        await using var host = await BenchApp.StartAsync(provider, options.DataPath, durablePostgres: true);
        var run = new DatabaseRun(provider, host.Describe());
        var name = Name(provider);

        if (options.Runs(WebhookOptions.Ingest))
        {
            Func<byte[]> next = NoMatchEvent;
            if (options.IngestEvents == WebhookOptions.VisitEvents)
            {
                Console.Error.WriteLine($"  making {options.Visits} visits for the ingest...");
                var people = await BenchVisits.CreateAsync(host, options.Visits);
                var turn = -1L;
                next = () =>
                {
                    var person = people[(int)(Interlocked.Increment(ref turn) % people.Count)];
                    return ZoomWebhooks.MeetingEvent(person.NextEvent(), person.MeetingId, person.ZoomUserId, DateTimeOffset.UtcNow);
                };
            }
            using var http = LoadClient(host.BaseUrl);
            foreach (var clients in options.Clients)
            {
                Console.Error.WriteLine($"  static file on {name}'s Kestrel, {clients} client(s)...");
                run.StaticFile.Add(await ClosedLoop.RunAsync($"static file, EpicZoom's Kestrel ({name})", http, StaticFilePath, clients,
                    TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Seconds), static () => []));
                Console.Error.WriteLine($"  ingest on {name}, {clients} client(s)...");
                var before = await host.DbAsync(db => db.WebhookEvents.CountAsync());
                var started = Stopwatch.GetTimestamp();
                var level = await ClosedLoop.RunAsync($"EpicZoom on {name}", http, ZoomWebhooks.Path, clients,
                    TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Seconds), next);
                var driven = Stopwatch.GetElapsedTime(started);
                var (backlog, drain) = await DrainAsync(host);
                var stored = await host.DbAsync(db => db.WebhookEvents.CountAsync()) - before;
                run.Ingest.Add(new IngestRun(level, stored, backlog, drain, driven));
            }
        }

        if (options.Runs(WebhookOptions.Report))
        {
            Console.Error.WriteLine($"  making {options.Visits} visits for the report latency...");
            var people = await BenchVisits.CreateAsync(host, options.Visits);
            var latency = new ReportLatency(host, people);
            Console.Error.WriteLine($"  report latency on {name}: warm-up...");
            await latency.WarmUpAsync(options.Rate, options.Interleaves);
            Console.Error.WriteLine($"  report latency on {name}: {options.Rate}/s for {options.ReportSeconds} s...");
            run.Report = await latency.RunAsync(name, options.Rate, TimeSpan.FromSeconds(options.ReportSeconds));
            if (options.TraceFile is not null) await WriteTraceAsync($"{options.TraceFile}.{name.ToLowerInvariant()}.csv", run.Report);
        }

        var notes = await host.DbAsync(db => db.WebhookEvents.AsNoTracking().Where(e => e.ProcessedAtUtc != null)
            .GroupBy(e => e.ProcessingNote).Select(g => new { Note = g.Key, Count = g.Count() }).ToListAsync());
        run.ProcessingNotes = notes.ToDictionary(n => n.Note ?? "(reported or applied)", n => n.Count);
        run.ProcessingFailures = await host.DbAsync(db => db.WebhookEvents.CountAsync(e => e.ProcessedAtUtc == null && e.ProcessingAttempts > 0));
        run.AppLog = [.. host.App.LogLines];
        run.Elapsed = elapsed.Elapsed;
        return run;
    }

    /// <summary>Waits until the background worker has processed every stored event (and, for visit events, the dispatcher sent every report).</summary>
    private static async Task<(int Backlog, TimeSpan Drain)> DrainAsync(BenchApp host)
    {
        var started = Stopwatch.GetTimestamp();
        var backlog = -1;
        while (true)
        {
            var unprocessed = await host.DbAsync(db => db.WebhookEvents.CountAsync(e => e.ProcessedAtUtc == null && e.ProcessingAttempts < 5));
            var pending = await host.DbAsync(db => db.NotificationRecords.CountAsync(r => r.Status == NotificationStatus.Pending));
            if (backlog < 0) backlog = unprocessed;
            if (unprocessed == 0 && pending == 0) return (backlog, Stopwatch.GetElapsedTime(started));
            if (Stopwatch.GetElapsedTime(started) > DrainPatience)
                throw new InvalidOperationException($"Processing did not catch up within {DrainPatience}: {unprocessed} events, {pending} reports left.");
            await Task.Delay(100);
        }
    }

    /// <summary>Every report-latency event as a CSV row, in send order, for a closer look (times in ms from the first send).</summary>
    private static async Task WriteTraceAsync(string file, ReportRun run)
    {
        var start = run.Events.Min(e => e.Sent.Posted.SentAt);
        string Ms(DateTimeOffset? at) => at is { } t ? (t - start).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) : "";
        var lines = new List<string> { "sent_ms,csn,epic_id,event,ack_ms,record_ms,epic_ms,to_epic_ms" };
        lines.AddRange(run.Events.OrderBy(e => e.Sent.Posted.SentAt).Select(e => string.Join(',',
            Ms(e.Sent.Posted.SentAt), e.Sent.Person.Csn, e.Sent.Person.EpicId, e.Sent.Event, e.Sent.Posted.AckMs.ToString("0.0", CultureInfo.InvariantCulture),
            Ms(e.RecordCreatedUtc is { } c ? new DateTimeOffset(c) : null), Ms(e.EpicReceivedAt), e.ToEpicMs?.ToString("0.0", CultureInfo.InvariantCulture) ?? "")));
        await File.WriteAllLinesAsync(file, lines);
        Console.Error.WriteLine($"  trace written to {file}");
    }

    /// <summary>A participant_joined for a meeting no visit has: stored and acknowledged, then processed as "no visit for this meeting".</summary>
    private byte[] NoMatchEvent()
    {
        var n = Interlocked.Increment(ref noMatchCounter);
        return ZoomWebhooks.MeetingEvent((ZoomWebhooks.Joined, Guid.NewGuid().ToString("N")), 90_000_000_000 + n, $"bench-nomatch-{n}", DateTimeOffset.UtcNow);
    }

    public static string Name(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";

    /// <summary>One connection per client (HTTP/1.1 keep-alive), no redirects, no cookies.</summary>
    private static HttpClient LoadClient(string baseUrl) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };
}
