using EpicZoom.Benchmarks.Common;

namespace EpicZoom.Benchmarks.Webhooks;

/// <summary>Prints the figures as Markdown, so a run can be pasted into docs/benchmarks.md as it is.</summary>
internal sealed class WebhookReport(WebhookOptions options, IReadOnlyList<LoadLevel> bare, IReadOnlyList<DatabaseRun> runs, TextWriter output)
{
    public bool Failed { get; private set; }

    public void Print(TimeSpan total)
    {
        Line("# EpicZoom webhook benchmark");
        Line();
        Machine.Describe(output);
        Line("- setup: EpicZoom (sandbox on, its background workers running) + Epic/Zoom simulators + this load driver in one process, Kestrel on loopback; " +
             "the bare endpoint is a minimal API in the same process, driven before EpicZoom starts");
        foreach (var run in runs) Line($"- {WebhookBenchmark.Name(run.Provider)}: {run.Setup}; {run.Elapsed.TotalSeconds:0} s");
        Line($"- options: {options}");
        Line($"- wall time: {total.TotalSeconds:0}s in all");
        Line();
        if (options.Runs(WebhookOptions.Ingest)) Ingest();
        if (options.Runs(WebhookOptions.Report)) Reports();
        Logs();
    }

    private void Ingest()
    {
        var events = options.IngestEvents == WebhookOptions.NoMatch
            ? "meeting.participant_joined for meetings no visit has (stored, acknowledged, then processed in the background as \"no visit for this meeting\")"
            : $"meeting.participant_joined/left alternating for the host and patient of {options.Visits} real visits (each processed into a report and sent to the Epic simulator)";
        Line("## Webhook ingest: throughput and ack latency (client-observed, ms)");
        Line();
        Line($"Closed loop: each client posts its next signed webhook as soon as the last was answered; {options.Warmup} s warm-up, then {options.Seconds} s measured per row. Events: {events}.");
        Line();
        Line("| target | clients | requests/s | ack p50 | p90 | p99 | max | non-2xx | CPU used | max queued work items | throughput vs reference | p99 vs reference |");
        Line("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var level in bare) Row(level, null);
        foreach (var run in runs)
        {
            foreach (var level in run.StaticFile) Row(level, null);
            // Ratios against the static file on the same Kestrel in the same run (the bare endpoint when there is none).
            foreach (var ingest in run.Ingest)
                Row(ingest.Level, run.StaticFile.FirstOrDefault(b => b.Clients == ingest.Level.Clients) ?? bare.FirstOrDefault(b => b.Clients == ingest.Level.Clients));
        }
        Line();

        Line("### What became of the webhooks");
        Line();
        Line("Stored = WebhookEvents rows added during the row (warm-up included), to compare with the webhooks answered 2xx. Processing runs after the ack in the background worker, during the load and after it (the drain); the next row starts once everything is processed.");
        Line();
        Line("| database | clients | sent | answered 2xx | stored | backlog when the load stopped | drain | processed/s (load + drain) |");
        Line("|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var run in runs)
        {
            foreach (var ingest in run.Ingest)
            {
                var ok = ingest.Level.Sent - ingest.Level.Failed;
                if (ingest.Stored != ok) Failed = true;
                Line($"| {WebhookBenchmark.Name(run.Provider)} | {ingest.Level.Clients} | {ingest.Level.Sent} | {ok} | {ingest.Stored}{(ingest.Stored == ok ? "" : " **≠**")} | " +
                     $"{ingest.BacklogAtEnd} | {ingest.Drain.TotalSeconds:0.0} s | {ingest.ProcessedPerSecond:0} |");
            }
        }
        Line();
        foreach (var run in runs)
        {
            var notes = string.Join(", ", run.ProcessingNotes.OrderByDescending(n => n.Value).Select(n => $"{n.Value}× {n.Key}"));
            Line($"- {WebhookBenchmark.Name(run.Provider)}: processed events by note: {notes}; unprocessed after a failed attempt: {run.ProcessingFailures}");
            if (run.ProcessingFailures > 0) Failed = true;
        }
        Line();
    }

    private void Row(LoadLevel level, LoadLevel? baseline)
    {
        if (level.Failed > 0) Failed = true;
        var ratio = baseline is null ? "" : $"{level.Throughput / baseline.Throughput:0.000}";
        var p99 = baseline is null ? "" : $"{level.Ack.At(99) / baseline.Ack.At(99):0.0}×";
        Line($"| {level.Target} | {level.Clients} | {level.Throughput:0} | {level.Ack.At(50):0.0} | {level.Ack.At(90):0.0} | {level.Ack.At(99):0.0} | {level.Ack.Max:0.0} | " +
             $"{level.Failed} | {level.Load.CpuShare:P0} | {level.Load.MaxQueued} | {ratio} | {p99} |");
    }

    private void Reports()
    {
        Line($"## Webhook → Epic report latency at {options.Rate} events/s");
        Line();
        Line($"Open loop: joined/left alternating per person, round robin over the host and the patient of {options.Visits} real visits, each event sent on its schedule whatever the answers take; " +
             $"{options.ReportSeconds} s after a warm-up of one join and one leave per person" +
             (options.Interleaves ? " and one more join for every other person (mix interleaved: each round half joins, half leaves). " : " (mix waves: a round of all joins, then a round of all leaves). ") +
             $"From just before the POST to the Epic simulator's log entry for the report " +
             "(its time when it answered SetExternalConnectionStatus), matched per CSN and Epic id in order. Split at the NotificationRecord's CreatedAtUtc (the processor wrote it). " +
             $"A report still missing once none has arrived for {ReportLatency.Patience.TotalSeconds:0} s (or {ReportLatency.MaxWait.TotalMinutes:0} min after the last send) counts as lost.");
        Line();
        Line("| database | events | sent at (events/s) | delivered | lost | p50 | p90 | p99 | max | webhook → record p50 / p99 | record → Epic p50 / p99 | ack p50 / p99 | CPU used |");
        Line("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var run in runs.Where(r => r.Report is not null))
        {
            var r = run.Report!;
            var latency = new Percentiles(r.Events.Select(e => e.ToEpicMs).OfType<double>());
            var toRecord = new Percentiles(r.Events.Select(e => e.ToRecordMs).OfType<double>());
            var toEpic = new Percentiles(r.Events.Select(e => e.RecordToEpicMs).OfType<double>());
            var ack = new Percentiles(r.Events.Select(e => e.Sent.Posted.AckMs));
            Line($"| {WebhookBenchmark.Name(run.Provider)} | {r.Events.Count} | {r.AchievedRate:0.0} | {r.Delivered} | {r.Lost} | {latency.At(50):0} | {latency.At(90):0} | {latency.At(99):0} | {latency.Max:0} | " +
                 $"{toRecord.At(50):0} / {toRecord.At(99):0} | {toEpic.At(50):0} / {toEpic.At(99):0} | {ack.At(50):0.0} / {ack.At(99):0.0} | {r.Load.CpuShare:P0} |");
        }
        Line();
        foreach (var run in runs.Where(r => r.Report is not null))
        {
            var r = run.Report!;
            var lateness = new Percentiles(r.Events.Select(e => e.Sent.LatenessMs));
            var failedPosts = r.Events.Count(e => e.Sent.Posted.Status is < 200 or >= 300);
            if (r.Lost > 0 || r.ExtraReports > 0 || r.WrongStatus > 0 || failedPosts > 0 || r.RecordsCreated != r.Events.Count) Failed = true;
            Line($"- {WebhookBenchmark.Name(run.Provider)}: {r.People} people; webhooks answered non-2xx: {failedPosts}; NotificationRecords written: {r.RecordsCreated} for {r.Events.Count} events, " +
                 $"{r.RecordsDelivered} delivered, {r.RecordsRetried} needed a retry; Epic log: {r.Delivered} reports matched, {r.ExtraReports} extra, " +
                 $"{r.WrongStatus} with the wrong status, {r.RejectedAttempts} calls answered non-200; the last report reached Epic {r.LastReportAfterLastSend.TotalSeconds:0.0} s after the last send; " +
                 $"pacer lateness p99 {lateness.At(99):0.0} ms, max {lateness.Max:0.0} ms");
            // How the latency moved during the run: a backlog building up, or a steady state.
            var start = r.Events.Min(e => e.Sent.Posted.SentAt);
            var windows = r.Events.GroupBy(e => (int)((e.Sent.Posted.SentAt - start).TotalSeconds / 5)).OrderBy(g => g.Key)
                .Select(g => new Percentiles(g.Select(e => e.ToEpicMs ?? double.PositiveInfinity)))
                .Select(p => $"{Seconds(p.At(50))}/{Seconds(p.At(99))}");
            Line($"  - p50/p99 (s) per 5 s of send time: {string.Join(", ", windows)} (lost: not delivered)");
            // Joins are reported as soon as processed; a leave is held Notifications:LeaveSettle (2 s) first, by design,
            // so that a reconnect (leave, then a join of a new session) does not flicker the light in Epic.
            var joins = new Percentiles(r.Events.Where(e => e.Sent.Event == ZoomWebhooks.Joined).Select(e => e.ToEpicMs).OfType<double>());
            var leaves = new Percentiles(r.Events.Where(e => e.Sent.Event == ZoomWebhooks.Left).Select(e => e.ToEpicMs).OfType<double>());
            var joinsToRecord = new Percentiles(r.Events.Where(e => e.Sent.Event == ZoomWebhooks.Joined).Select(e => e.ToRecordMs).OfType<double>());
            var joinsToEpic = new Percentiles(r.Events.Where(e => e.Sent.Event == ZoomWebhooks.Joined).Select(e => e.RecordToEpicMs).OfType<double>());
            Line($"  - joins (connected) p50 / p90 / p99: {joins.At(50):0} / {joins.At(90):0} / {joins.At(99):0} ms " +
                 $"(webhook → record {joinsToRecord.At(50):0} / {joinsToRecord.At(90):0} / {joinsToRecord.At(99):0}, record → Epic {joinsToEpic.At(50):0} / {joinsToEpic.At(90):0} / {joinsToEpic.At(99):0}); " +
                 $"leaves (disconnected, held for Notifications:LeaveSettle first, 2 s by default) p50 / p90 / p99: {leaves.At(50):0} / {leaves.At(90):0} / {leaves.At(99):0} ms");
            foreach (var worker in r.Work) Line($"  - {worker}");
            var spacing = r.People / r.Rate;
            if (spacing <= 2.5)
                Line($"  - **each person's events are only {spacing:0.0} s apart**: a person's next join arrives before their last leave has settled (2 s), " +
                     "which EpicZoom rightly reports as no change (a reconnect); these events cannot all become reports. Use --visits of at least 1.5 × --rate.");
        }
        Line();
    }

    private static string Seconds(double ms) => double.IsPositiveInfinity(ms) ? "lost" : (ms / 1000).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private void Logs()
    {
        foreach (var run in runs)
        {
            var logged = AppLog.WarningsAndErrors(run.AppLog);
            Line($"- EpicZoom on {WebhookBenchmark.Name(run.Provider)} logged {logged.Count} warnings or errors{(logged.Count > 0 ? ":" : "")}");
            foreach (var (count, line) in AppLog.Kinds(logged)) Line($"  - {count}× `{line}`");
        }
        Line();
    }

    private void Line(string text = "") => output.WriteLine(text);
}
