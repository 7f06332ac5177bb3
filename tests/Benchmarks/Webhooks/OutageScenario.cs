using System.Diagnostics;
using System.Net.Http.Json;
using EpicZoom.Benchmarks.Common;
using EpicZoom.Domain.Notifications;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Benchmarks.Webhooks;

/// <summary>
/// <c>webhooks --scenarios outage</c>: joins/leaves of real visits flow at <c>--rate</c> while the sandbox's Epic
/// simulator answers every status report with 503 for <c>--outage-minutes</c> (its fault injection, over the
/// <c>/sandbox/epic/_test/faults</c> API, as a test or a user would set it), then recovers. Every event must reach Epic
/// after the recovery, in order per person (the n-th accepted report of a person has the n-th event's status), with
/// no record ended Failed; the report gives the largest backlog and the drain time after the recovery.
/// </summary>
internal static class OutageScenario
{
    /// <summary>Events flow this long before the fault is set…</summary>
    public static readonly TimeSpan Before = TimeSpan.FromSeconds(20);

    /// <summary>…and this long after it is cleared.</summary>
    public static readonly TimeSpan After = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);

    public sealed record Result(
        string Database, string Setup, ReportRun Run, DateTimeOffset FaultSet, DateTimeOffset FaultCleared, int MaxPending, int PendingAtClear,
        int MaxUnprocessed, int FailedRecords, int Refused, int SentBeforeClear, TimeSpan? Drain, TimeSpan? FirstAcceptedAfterClear, string LoadAverage)
    {
        public bool Failed => Run.Lost > 0 || Run.ExtraReports > 0 || Run.WrongStatus > 0 || FailedRecords > 0 || Drain is null
            || Run.Events.Any(e => e.Sent.Posted.Status is < 200 or >= 300);
    }

    public static async Task<Result> RunAsync(DatabaseProvider provider, WebhookOptions options)
    {
        var name = WebhookBenchmark.Name(provider);
        var outage = TimeSpan.FromMinutes(options.OutageMinutes);
        await using var host = await BenchApp.StartAsync(provider, options.DataPath, durablePostgres: true);
        Console.Error.WriteLine($"  making {options.Visits} visits for the outage...");
        var people = await BenchVisits.CreateAsync(host, options.Visits);
        // A long outage leaves a long queue: allow its drain, not only the report scenario's ten minutes.
        var latency = new ReportLatency(host, people) { MaxWaitAfterLastSend = ReportLatency.MaxWait + outage };
        Console.Error.WriteLine($"  outage on {name}: warm-up...");
        await latency.WarmUpAsync(options.Rate, options.Interleaves);

        var faultSet = DateTimeOffset.MinValue;
        var faultCleared = DateTimeOffset.MinValue;
        var pendingAtClear = 0;
        using var stopSampling = new CancellationTokenSource();
        var samples = SampleAsync(host, stopSampling.Token);
        async Task Outage()
        {
            await Task.Delay(Before);
            using (var set = await host.Http.PostAsJsonAsync("/sandbox/epic/_test/faults", new { endpoint = "telehealth", statusCode = 503 }))
                set.EnsureSuccessStatusCode();
            faultSet = DateTimeOffset.UtcNow;
            Console.Error.WriteLine($"  outage on {name}: Epic answers 503 from {faultSet:HH:mm:ss} for {outage.TotalMinutes:0.#} min...");
            await Task.Delay(outage);
            pendingAtClear = await host.DbAsync(db => db.NotificationRecords.CountAsync(r => r.Status == NotificationStatus.Pending));
            using (var clear = await host.Http.DeleteAsync("/sandbox/epic/_test/faults")) clear.EnsureSuccessStatusCode();
            faultCleared = DateTimeOffset.UtcNow;
            Console.Error.WriteLine($"  outage on {name}: Epic answers again from {faultCleared:HH:mm:ss} ({pendingAtClear} reports waiting)...");
        }

        var run = await latency.RunAsync(name, options.Rate, Before + outage + After, Outage);
        await stopSampling.CancelAsync();
        var (maxPending, maxUnprocessed) = await samples;

        var csns = people.Select(p => p.Csn).ToHashSet(StringComparer.Ordinal);
        var failed = await host.DbAsync(db => db.NotificationRecords.CountAsync(r => csns.Contains(r.Csn) && r.Status == NotificationStatus.Failed));
        var beforeClear = run.Events.Where(e => e.Sent.Posted.SentAt < faultCleared).ToList();
        var lastOfBacklog = beforeClear.All(e => e.EpicReceivedAt is not null) ? beforeClear.Max(e => e.EpicReceivedAt) : null;
        var firstAfter = run.Events.Select(e => e.EpicReceivedAt).OfType<DateTimeOffset>().Where(t => t >= faultCleared).DefaultIfEmpty().Min();
        return new Result(name, host.Describe(), run, faultSet, faultCleared, maxPending, pendingAtClear, maxUnprocessed, failed, run.RejectedAttempts,
            beforeClear.Count, lastOfBacklog - faultCleared, firstAfter == default ? null : firstAfter - faultCleared, Machine.LoadAverage());
    }

    /// <summary>The largest number of reports waiting (Pending records) and of webhooks not yet processed, once a second.</summary>
    private static async Task<(int MaxPending, int MaxUnprocessed)> SampleAsync(BenchApp host, CancellationToken stop)
    {
        var (pending, unprocessed) = (0, 0);
        while (!stop.IsCancellationRequested)
        {
            pending = Math.Max(pending, await host.DbAsync(db => db.NotificationRecords.CountAsync(r => r.Status == NotificationStatus.Pending)));
            unprocessed = Math.Max(unprocessed, await host.DbAsync(db => db.WebhookEvents.CountAsync(e => e.ProcessedAtUtc == null)));
            try { await Task.Delay(SampleEvery, stop); } catch (OperationCanceledException) { break; }
        }
        return (pending, unprocessed);
    }

    public static void Print(TextWriter output, WebhookOptions options, IReadOnlyList<Result> results)
    {
        output.WriteLine();
        output.WriteLine($"## Epic outage: {options.OutageMinutes} min of 503 from the Epic simulator at {options.Rate} events/s");
        output.WriteLine();
        output.WriteLine($"Open loop as in the report scenario ({options.Visits} visits, 2 people each, joined/left alternating per person); " +
                         $"{Before.TotalSeconds:0} s of events, then the Epic simulator's fault injection answers every SetExternalConnectionStatus with 503 " +
                         $"for {options.OutageMinutes} min while events keep flowing, then the fault is cleared and events flow {After.TotalSeconds:0} s more. " +
                         "Drain: from clearing the fault until the last event sent before then reached Epic. Backlog: Pending NotificationRecords, sampled once a second.");
        output.WriteLine();
        output.WriteLine("| database | events | sent at (events/s) | delivered | lost | extra | wrong status / order | records Failed | max backlog (reports) | backlog at recovery | max unprocessed webhooks | calls Epic refused (503) | first report after recovery | drain after recovery | load average (1/5/15 min) at the end |");
        output.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
            output.WriteLine($"| {r.Database} | {r.Run.Events.Count} | {r.Run.AchievedRate:0.0} | {r.Run.Delivered} | {r.Run.Lost} | {r.Run.ExtraReports} | {r.Run.WrongStatus} | {r.FailedRecords} | " +
                             $"{r.MaxPending} | {r.PendingAtClear} | {r.MaxUnprocessed} | {r.Refused} | {Seconds(r.FirstAcceptedAfterClear)} | {Seconds(r.Drain)} | {r.LoadAverage} |");
        output.WriteLine();
        foreach (var r in results)
        {
            var after = new Percentiles(r.Run.Events.Where(e => e.Sent.Posted.SentAt >= r.FaultCleared).Select(e => e.ToEpicMs).OfType<double>());
            var ack = new Percentiles(r.Run.Events.Select(e => e.Sent.Posted.AckMs));
            var nonOk = r.Run.Events.Count(e => e.Sent.Posted.Status is < 200 or >= 300);
            output.WriteLine($"- {r.Database}: {r.Setup}; fault set {r.FaultSet:HH:mm:ss}, cleared {r.FaultCleared:HH:mm:ss} UTC; {r.SentBeforeClear} events sent before the recovery; " +
                             $"webhooks answered non-2xx {nonOk}, ack p50/p99 {ack.At(50):0.0} / {ack.At(99):0.0} ms; records written {r.Run.RecordsCreated}, delivered {r.Run.RecordsDelivered}; " +
                             $"events sent after the recovery: webhook → Epic p50/p99 {after.At(50):0} / {after.At(99):0} ms; CPU used {r.Run.Load.CpuShare:P0}" +
                             (r.Failed ? " — **FAILED**" : ""));
        }
    }

    private static string Seconds(TimeSpan? span) => span is { } s ? $"{s.TotalSeconds:0.0} s" : "never";
}
