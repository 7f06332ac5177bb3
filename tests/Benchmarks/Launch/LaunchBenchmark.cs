using System.Diagnostics;
using System.Globalization;
using System.Net;
using EpicZoom.Benchmarks.Common;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Benchmarks.Launch;

/// <summary>
/// Launch overhead: EpicZoom with the sandbox on real Kestrel, launches driven through the Epic and Zoom simulators,
/// then EpicZoom's own LaunchRecords read back and reported (see <see cref="LaunchReport"/>).
/// </summary>
internal sealed class LaunchBenchmark(LaunchOptions options, LaunchDriver driver)
{
    public const string ColdStart = "cold start";
    public const string Warmup = "warm-up";
    public const string Settle = "settle (discarded)";
    public const string Sequential = "sequential (c=1)";
    public const string Distinct = "distinct CSNs (c={0})";
    public const string Same = "same CSN (c={0})";

    public const string First = "first launch of a visit (provider)";
    public const string WarmProvider = "warm: provider relaunch (host)";
    public const string WarmNurse = "warm: nurse joins (not host)";
    public const string WarmPatient = "warm: patient joins (first time)";
    public const string WarmPatientAgain = "warm: patient rejoins";
    public const string SameNew = "same CSN, new visit";
    public const string SameCreated = "same CSN: first launch (created the meeting)";
    public const string SameRaced = "same CSN: raced the first launch";

    private const int Nurses = 10;
    private readonly List<LaunchRun> runs = [];
    private readonly List<ScenarioLoad> loads = [];
    private int csnCounter;

    private int Providers => Math.Max(options.Concurrency, 10);

    public static async Task<int> RunAsync(LaunchOptions options)
    {
        var total = Stopwatch.StartNew();
        if (options.MinThreads is { } minThreads)
        {
            ThreadPool.GetMinThreads(out _, out var io);
            ThreadPool.SetMinThreads(minThreads, Math.Max(io, minThreads));
        }

        // The report alone goes to stdout; EpicZoom's console log and first-run banner go to stderr.
        var report = Console.Out;
        Console.SetOut(Console.Error);
        Console.Error.WriteLine($"Starting EpicZoom with the sandbox on Kestrel ({options})...");
        using var observer = new LaunchObserver();
        // The simulators forget their oldest items beyond this; a run makes a few thousand launches.
        await using var host = await BenchApp.StartAsync(options.Database, options.DataPath, maxStoredItems: "100000");
        var app = host.App;
        observer.Attach(app.Services.GetRequiredService<IHttpContextAccessor>());
        var http = host.Http;

        var benchmark = new LaunchBenchmark(options, new LaunchDriver(http));
        await benchmark.DriveAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var records = await scope.ServiceProvider.GetRequiredService<AppDbContext>().LaunchRecords.AsNoTracking().ToListAsync();
        var measured = Join(benchmark.runs, records, observer, out var unmatchedRecords);

        var appLog = app.LogLines.ToList();
        var printed = new LaunchReport(options, measured, benchmark.loads, unmatchedRecords, records.Count, appLog, report);
        printed.Print(total.Elapsed);
        return printed.Failed ? 1 : 0;
    }

    private async Task DriveAsync()
    {
        await TimedAsync(ColdStart, async () => runs.Add(await driver.LaunchAsync(ProviderLaunch(ColdStart, First, NewCsn(), 0))));
        await TimedAsync(Warmup, WarmUpAsync);
        if (options.Settle > 0) await TimedAsync(Settle, SettleAsync);
        if (options.Runs(LaunchOptions.Sequential1)) await TimedAsync(Sequential, SequentialAsync);
        if (options.Runs(LaunchOptions.Distinct)) await TimedAsync(Format(Distinct), DistinctAsync);
        if (options.Runs(LaunchOptions.SameCsn)) await TimedAsync(Format(Same), SameCsnAsync);
    }

    /// <summary>Every pool provider and nurse gets their Zoom user (a once-per-person cost), then a few mixed visits for the JIT.</summary>
    private async Task WarmUpAsync()
    {
        var visits = new List<string>();
        for (var p = 1; p < Providers; p++)
        {
            var csn = NewCsn();
            visits.Add(csn);
            runs.Add(await driver.LaunchAsync(ProviderLaunch(Warmup, First, csn, p)));
        }
        for (var n = 0; n < Nurses; n++)
            runs.Add(await driver.LaunchAsync(new LaunchSpec(Warmup, WarmNurse, visits[n % visits.Count], $"type=nurse&csn={visits[n % visits.Count]}&providerId={NurseId(n)}")));
        foreach (var spec in VisitCycles(Warmup).Take(options.Warmup))
            runs.Add(await driver.LaunchAsync(spec));
    }

    /// <summary>
    /// Discarded waves of C first launches and C relaunches at once, for the given seconds: tiered compilation is still
    /// re-compiling the concurrent paths (with dynamic PGO) for about 30 s of such load, and this takes that out of the
    /// measured scenarios when the question is the steady state of a server that has been up for a while.
    /// </summary>
    private async Task SettleAsync()
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed.TotalSeconds < options.Settle) await DistinctWaveAsync(Settle);
    }

    private async Task SequentialAsync()
    {
        foreach (var spec in VisitCycles(Sequential).Take(options.Sequential))
            runs.Add(await driver.LaunchAsync(spec));
    }

    /// <summary>Per wave, C first launches of C new visits at once; then the same C providers relaunch them at once.</summary>
    private async Task DistinctAsync()
    {
        for (var b = 0; b < options.Batches; b++) await DistinctWaveAsync(Format(Distinct));
    }

    /// <summary>C first launches of C new visits at once, then the same C providers relaunch them at once.</summary>
    private async Task DistinctWaveAsync(string scenario)
    {
        var csns = Enumerable.Range(0, options.Concurrency).Select(_ => NewCsn()).ToList();
        runs.AddRange(await driver.AllAtOnceAsync(csns.Select((csn, i) => ProviderLaunch(scenario, First, csn, i))));
        runs.AddRange(await driver.AllAtOnceAsync(csns.Select((csn, i) => ProviderLaunch(scenario, WarmProvider, csn, i))));
    }

    /// <summary>Per wave, C launches of one provider on one new visit at once (one creates the meeting); then C relaunches at once.</summary>
    private async Task SameCsnAsync()
    {
        var scenario = Format(Same);
        for (var b = 0; b < options.Batches; b++)
        {
            var csn = NewCsn();
            var provider = b % Providers;
            runs.AddRange(await driver.AllAtOnceAsync(Enumerable.Range(0, options.Concurrency).Select(_ => ProviderLaunch(scenario, SameNew, csn, provider))));
            runs.AddRange(await driver.AllAtOnceAsync(Enumerable.Range(0, options.Concurrency).Select(_ => ProviderLaunch(scenario, WarmProvider, csn, provider))));
        }
    }

    /// <summary>Visits of five launches: the provider opens it, relaunches, a nurse joins, the patient joins and rejoins.</summary>
    private IEnumerable<LaunchSpec> VisitCycles(string scenario)
    {
        for (var v = 0; ; v++)
        {
            var csn = NewCsn();
            var provider = v % Providers;
            yield return ProviderLaunch(scenario, First, csn, provider);
            yield return ProviderLaunch(scenario, WarmProvider, csn, provider);
            yield return new LaunchSpec(scenario, WarmNurse, csn, $"type=nurse&csn={csn}&providerId={NurseId(v % Nurses)}");
            yield return new LaunchSpec(scenario, WarmPatient, csn, $"type=patient&csn={csn}");
            yield return new LaunchSpec(scenario, WarmPatientAgain, csn, $"type=patient&csn={csn}");
        }
    }

    private static LaunchSpec ProviderLaunch(string scenario, string kind, string csn, int provider) =>
        new(scenario, kind, csn, $"type=provider&csn={csn}&providerId={ProviderId(provider)}");

    private static string ProviderId(int i) => $"eBenchProv{i:D3}";

    private static string NurseId(int i) => $"eBenchNurse{i:D2}";

    private string NewCsn() => (800_000_000 + Interlocked.Increment(ref csnCounter)).ToString(CultureInfo.InvariantCulture);

    private string Format(string scenario) => string.Format(CultureInfo.InvariantCulture, scenario, options.Concurrency);

    private async Task TimedAsync(string scenario, Func<Task> body)
    {
        Console.Error.WriteLine($"  {scenario}...");
        using var sampler = ProcessSampler.Start();
        await body();
        loads.Add(sampler.Stop(scenario));
    }

    private static List<MeasuredLaunch> Join(
        IReadOnlyList<LaunchRun> runs, IReadOnlyList<Domain.Launch.LaunchRecord> records, LaunchObserver observer, out int unmatched)
    {
        var byLaunch = records
            .Select(r => (Record: r, Launch: observer.LaunchOf(r.Id)))
            .ToLookup(x => x.Launch, x => x.Record);
        unmatched = byLaunch[null].Count();
        var measured = runs.Select(run =>
        {
            var mine = byLaunch[run.Id].ToList();
            return new MeasuredLaunch(
                run,
                mine.SingleOrDefault(r => r.Outcome.StartsWith("begin:", StringComparison.Ordinal)),
                mine.SingleOrDefault(r => r.Outcome.StartsWith("callback:", StringComparison.Ordinal)),
                observer.DatabaseUseOf(run.Id));
        }).ToList();

        foreach (var launch in measured.Where(m => m.Kind == SameNew && m.Complete))
            launch.Kind = launch.CallsOf(MeasuredLaunch.MeetingCreate) > 0 ? SameCreated : SameRaced;
        return measured;
    }
}
