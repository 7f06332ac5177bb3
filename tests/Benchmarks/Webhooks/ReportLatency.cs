using System.Diagnostics;
using System.Text.Json;
using EpicZoom.Benchmarks.Common;
using EpicZoom.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Benchmarks.Webhooks;

/// <summary>One paced event: whose, which, what the client saw, and how late the pacer sent it.</summary>
internal sealed record PacedEvent(BenchPerson Person, string Event, Posted Posted, double LatenessMs);

/// <summary>What became of one sent event: its NotificationRecord (by participant and sequence) and Epic's receipt (by CSN and Epic id, in order).</summary>
internal sealed record TracedEvent(PacedEvent Sent, DateTime? RecordCreatedUtc, DateTimeOffset? EpicReceivedAt, string? EpicStatus)
{
    public double? ToEpicMs => EpicReceivedAt is { } at ? (at - Sent.Posted.SentAt).TotalMilliseconds : null;

    public double? ToRecordMs => RecordCreatedUtc is { } at ? (new DateTimeOffset(at) - Sent.Posted.SentAt).TotalMilliseconds : null;

    public double? RecordToEpicMs => RecordCreatedUtc is { } created && EpicReceivedAt is { } at ? (at - new DateTimeOffset(created)).TotalMilliseconds : null;
}

internal sealed record ReportRun(
    string Database, int People, double Rate, TimeSpan Planned, TimeSpan SendWindow, IReadOnlyList<TracedEvent> Events,
    int Delivered, int Lost, int ExtraReports, int RejectedAttempts, int WrongStatus, int RecordsCreated, int RecordsDelivered,
    int RecordsRetried, TimeSpan LastReportAfterLastSend, ScenarioLoad Load, IReadOnlyList<WorkerFigures> Work)
{
    public double AchievedRate => Events.Count / SendWindow.TotalSeconds;
}

/// <summary>
/// Webhook → Epic: join/leave webhooks for the participants of real visits, sent open-loop at a steady rate (each on
/// its own schedule, whatever the previous answers took), each person alternating joined/left so that every event
/// changes their light and must produce one report. The end of the path is Epic's own log: the Epic simulator
/// records every SetExternalConnectionStatus call with the time it answered it (TelehealthReportLog, read through
/// /sandbox/epic/_test/status-reports). Simulator and driver share this process and its clock, so the time from
/// the webhook's send to that entry is exact to the clock's resolution. A person's reports go strictly in order
/// (the dispatcher's sequence rule), so their n-th accepted report answers their n-th event.
/// </summary>
internal sealed class ReportLatency(BenchApp host, IReadOnlyList<BenchPerson> people, ReportLatency.Sender? send = null)
{
    /// <summary>
    /// Makes one person's next event happen and returns what its client saw; by default the benchmark posts the signed
    /// webhook itself (<see cref="ZoomWebhooks.PostAsync"/>), the <c>zoomsim</c> scenario has the Zoom simulator do it.
    /// </summary>
    public delegate Task<Posted> Sender(BenchPerson person, (string Event, string Session) next);

    /// <summary>After the last send, reports still missing count as lost once none has arrived for this long…</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>…or once this long has passed since the last send, whatever still arrives.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    private readonly Dictionary<(string Csn, string EpicId), int> acceptedBefore = [];

    /// <summary>The longest wait for reports after the last send (the outage scenario allows for a long drain).</summary>
    public TimeSpan MaxWaitAfterLastSend { get; init; } = MaxWait;

    /// <summary>
    /// One joined and one left per person at the same pace, then waits for their reports: JIT, pools, caches. With
    /// <paramref name="interleave"/>, every other person then joins once more, so in the measured run each round of
    /// the round robin is half joins and half leaves instead of all of one (<see cref="WebhookOptions.Interleaved"/>).
    /// </summary>
    public async Task WarmUpAsync(double rate, bool interleave = false)
    {
        await PaceAsync(rate, 2 * people.Count);
        var want = people.ToDictionary(p => p, _ => 2);
        await ReportedAsync(want);
        if (interleave)
        {
            // Only once the leaves are in: a join within Notifications:LeaveSettle of the person's leave is a reconnect
            // (rightly no report), so sent straight after the last leaves it would measure nothing.
            var ahead = people.Where((_, i) => i % 2 == 1).ToList();
            await PaceAsync(rate, ahead.Count, ahead);
            foreach (var p in ahead) want[p] = 3;
            await ReportedAsync(want);
        }
    }

    /// <summary>Waits until Epic has accepted <paramref name="want"/> reports per person and counts them as before the run.</summary>
    private async Task ReportedAsync(Dictionary<BenchPerson, int> want)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var accepted = Accepted(await EpicLogAsync());
            if (people.All(p => accepted.TryGetValue((p.Csn, p.EpicId), out var r) && r.Count >= want[p]))
            {
                foreach (var p in people) acceptedBefore[(p.Csn, p.EpicId)] = accepted[(p.Csn, p.EpicId)].Count;
                return;
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException("The warm-up's reports did not all reach Epic.");
    }

    /// <summary><paramref name="alongside"/>, when given, runs while the events are sent (the outage scenario's fault).</summary>
    public async Task<ReportRun> RunAsync(string database, double rate, TimeSpan duration, Func<Task>? alongside = null)
    {
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        using var sampler = ProcessSampler.Start();
        using var work = WorkPhases.Start();
        var sendStarted = Stopwatch.GetTimestamp();
        var side = alongside?.Invoke() ?? Task.CompletedTask;
        var sent = await PaceAsync(rate, count);
        await side;
        var sendWindow = Stopwatch.GetElapsedTime(sendStarted);
        var lastSend = Stopwatch.GetTimestamp();
        var lastSendAt = DateTimeOffset.UtcNow;

        // Wait for Epic to have one accepted report per event (or give up after the patience).
        var expected = sent.GroupBy(e => (e.Person.Csn, e.Person.EpicId)).ToDictionary(g => g.Key, g => g.Count());
        List<Report> log;
        var seen = -1;
        var lastProgress = Stopwatch.GetTimestamp();
        while (true)
        {
            log = await EpicLogAsync();
            var accepted = Accepted(log);
            var done = expected.All(e => accepted.TryGetValue(e.Key, out var r) && r.Count - acceptedBefore.GetValueOrDefault(e.Key) >= e.Value);
            if (log.Count != seen)
            {
                seen = log.Count;
                lastProgress = Stopwatch.GetTimestamp();
            }
            if (done || Stopwatch.GetElapsedTime(lastProgress) > Patience || Stopwatch.GetElapsedTime(lastSend) > MaxWaitAfterLastSend) break;
            // Reading a log of tens of thousands of reports ten times a second would load the CPUs it measures.
            await Task.Delay(log.Count > 10_000 ? 1000 : 100);
        }
        var load = sampler.Stop(database);
        var workFigures = work.Stop();

        var csns = people.Select(p => p.Csn).ToHashSet(StringComparer.Ordinal);
        var records = await host.DbAsync(db => db.NotificationRecords.AsNoTracking().Where(r => csns.Contains(r.Csn))
            .Select(r => new { r.Csn, r.ExternalId, r.Sequence, r.CreatedAtUtc, r.Status, r.AttemptCount }).ToListAsync());
        // Only these people's reports (a visit's other participants may be someone else's measurement).
        var keys = people.Select(p => (p.Csn, p.EpicId)).ToHashSet();
        records = records.Where(r => keys.Contains((r.Csn, r.ExternalId))).ToList();
        var inbox = await host.DbAsync(db => db.WebhookEvents.AsNoTracking().Where(e => e.ProcessedAtUtc != null)
            .Select(e => new { e.EventType, e.ReceivedAtUtc, e.ProcessedAtUtc }).ToListAsync());
        var sentFrom = sent.Min(e => e.Posted.SentAt).UtcDateTime;
        if (Environment.GetEnvironmentVariable("EPICZOOM_BENCH_INBOX_CSV") is { Length: > 0 } csv)
            await File.WriteAllLinesAsync(csv, inbox.OrderBy(e => e.ProcessedAtUtc)
                .Select(e => $"{e.EventType},{e.ReceivedAtUtc:O},{e.ProcessedAtUtc:O}"));
        foreach (var kind in inbox.Where(e => e.ReceivedAtUtc >= sentFrom).GroupBy(e => e.EventType))
        {
            var p = new Percentiles(kind.Select(e => (e.ProcessedAtUtc!.Value - e.ReceivedAtUtc).TotalMilliseconds));
            Console.WriteLine($"  inbox {kind.Key}: {kind.Count()} received → processed p50 {p.At(50):0} p90 {p.At(90):0} p99 {p.At(99):0} ms");
        }
        var codes = await host.DbAsync(db => db.Tenants.AsNoTracking().OrderBy(t => t.CreatedAtUtc).Select(t => t.Epic.StatusCodes).FirstAsync());

        var traced = new List<TracedEvent>();
        var acceptedNow = Accepted(log);
        var recordsOf = records.GroupBy(r => (r.Csn, r.ExternalId)).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Sequence).ToList());
        var wrongStatus = 0;
        var extra = 0;
        foreach (var mine in sent.GroupBy(e => (e.Person.Csn, e.Person.EpicId)))
        {
            var before = acceptedBefore.GetValueOrDefault(mine.Key);
            var reports = acceptedNow.GetValueOrDefault(mine.Key) ?? [];
            var personRecords = recordsOf.GetValueOrDefault(mine.Key) ?? [];
            var events = mine.ToList();
            extra += Math.Max(0, reports.Count - before - events.Count);
            for (var i = 0; i < events.Count; i++)
            {
                var report = before + i < reports.Count ? reports[before + i] : null;
                var record = before + i < personRecords.Count ? personRecords[before + i] : null;
                var want = events[i].Event == ZoomWebhooks.Joined ? codes.Connected : codes.Disconnected;
                if (report is not null && report.ConnectionStatus != want) wrongStatus++;
                traced.Add(new TracedEvent(events[i], record?.CreatedAtUtc, report?.Time, report?.ConnectionStatus));
            }
        }
        var rejected = log.Count(r => r.StatusCode != 200 && csns.Contains(r.ConferenceId ?? ""));
        var measured = records.Count - acceptedBefore.Values.Sum();
        return new ReportRun(database, people.Count, rate, duration, sendWindow, traced,
            traced.Count(t => t.EpicReceivedAt is not null), traced.Count(t => t.EpicReceivedAt is null), extra, rejected, wrongStatus,
            measured, records.Count(r => r.Status == NotificationStatus.Delivered) - acceptedBefore.Values.Sum(),
            records.Count(r => r.AttemptCount > 1),
            traced.Select(t => t.EpicReceivedAt).OfType<DateTimeOffset>().DefaultIfEmpty(lastSendAt).Max() - lastSendAt, load, workFigures);
    }

    /// <summary>
    /// Sends <paramref name="count"/> events at <paramref name="rate"/> per second from a thread of its own, round
    /// robin over the people (or <paramref name="over"/>); each send is started on schedule and not awaited before the next.
    /// </summary>
    private async Task<List<PacedEvent>> PaceAsync(double rate, int count, IReadOnlyList<BenchPerson>? over = null)
    {
        var round = over ?? people;
        var sends = new Task<PacedEvent>[count];
        var pacer = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            var spacing = Stopwatch.Frequency / rate;
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * spacing);
                while (true)
                {
                    var remaining = due - Stopwatch.GetTimestamp();
                    if (remaining <= 0) break;
                    if (remaining > Stopwatch.Frequency / 500) Thread.Sleep(1);
                    else Thread.SpinWait(20);
                }
                var lateness = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
                var person = round[i % round.Count];
                sends[i] = SendAsync(person, person.NextEvent(), lateness);
            }
        }) { IsBackground = true, Name = "webhook pacer", Priority = ThreadPriority.AboveNormal };
        pacer.Start();
        await Task.Run(pacer.Join);
        return [.. await Task.WhenAll(sends)];
    }

    private async Task<PacedEvent> SendAsync(BenchPerson person, (string Event, string Session) next, double lateness) =>
        new(person, next.Event, await (send is null
            ? ZoomWebhooks.PostAsync(host.Http, ZoomWebhooks.Path, ZoomWebhooks.MeetingEvent(next, person.MeetingId, person.ZoomUserId, DateTimeOffset.UtcNow))
            : send(person, next)), lateness);

    private static Dictionary<(string Csn, string EpicId), List<Report>> Accepted(List<Report> log) =>
        log.Where(r => r.StatusCode == 200 && r.ConferenceId is not null && r.ExternalId is not null)
            .GroupBy(r => (r.ConferenceId!, r.ExternalId!))
            .ToDictionary(g => g.Key, g => g.ToList());

    private async Task<List<Report>> EpicLogAsync()
    {
        await using var stream = await host.Http.GetStreamAsync("/sandbox/epic/_test/status-reports");
        using var doc = await JsonDocument.ParseAsync(stream);
        return doc.RootElement.EnumerateArray().Select(r => new Report(
            r.GetProperty("time").GetDateTimeOffset(),
            Text(r, "conferenceId"), Text(r, "externalId"), Text(r, "connectionStatus"),
            r.GetProperty("statusCode").GetInt32())).ToList();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>One SetExternalConnectionStatus call as the Epic simulator logged it (in arrival order).</summary>
    private sealed record Report(DateTimeOffset Time, string? ConferenceId, string? ExternalId, string? ConnectionStatus, int StatusCode);
}
