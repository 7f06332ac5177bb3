using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Visits.Common;
using EpicZoom.Application.Visits.GetWaitingStatus;
using EpicZoom.Benchmarks.Common;
using EpicZoom.Benchmarks.Launch;
using EpicZoom.Domain.Visits;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Benchmarks.Waiting;

/// <summary>
/// 10,000 patients on waiting pages: EpicZoom with the sandbox on Kestrel (SQLite), visits made by provider launches
/// through the Epic and Zoom simulators, patients enlisted and given passes the way the patient launch does (each with
/// the host's Zoom user, so the ZAK path is taken), every patient long-polling at once over HTTP/2 (a second Kestrel
/// endpoint, h2c; 100 streams per connection), then hosts joining some meetings through the Zoom simulator (webhooks).
/// </summary>
internal static class WaitingBenchmark
{
    public static async Task<int> RunAsync(WaitingOptions options)
    {
        var h2Port = FreePort();
        await using var app = await BenchApp.StartAsync(DatabaseProvider.Sqlite, options.DataPath, kestrel: k =>
        {
            k.Listen(IPAddress.Loopback, h2Port, l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
            k.Limits.Http2.MaxStreamsPerConnection = 100;
        });
        var services = app.App.Services;
        var notifier = services.GetRequiredService<VisitChangeNotifier>();
        var checks = services.GetRequiredService<MeetingStatusChecks>();
        Console.WriteLine($"# waiting: {options.Patients} patients over {options.Visits} visits, hosts join {options.Hosts}");

        // Visits: one provider launch each (the meeting and its host exist in the Zoom simulator).
        var launch = Stopwatch.StartNew();
        var driver = new LaunchDriver(app.Http);
        var meetings = new ConcurrentDictionary<string, long>();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Visits), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var csn = $"W{i:D6}{Random.Shared.Next(1000, 9999)}";
            var run = await driver.LaunchAsync(new LaunchSpec("waiting", "provider", csn, $"type=provider&csn={csn}"));
            meetings[csn] = run.MeetingId ?? throw new InvalidOperationException($"provider launch failed: {run.Failure}");
        });
        var patients = await EnlistAsync(app, meetings.Keys.ToList(), options.Patients);
        Console.WriteLine($"- setup: {options.Visits} provider launches and {patients.Count} patients enlisted in {launch.Elapsed.TotalSeconds:0.0} s");

        using var http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{h2Port}"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromMinutes(2),
        };
        using var zoomCalls = new ZoomCallCounter();

        // 1. Plain polls (wait=0, host not in): the cost of one status answer. A warm-up first, not measured: the first
        // requests on a new HTTP/2 connection pay for JIT, the connection and the pools.
        await Parallel.ForEachAsync(Enumerable.Range(0, options.WarmupPolls), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            await PollAsync(http, patients[Random.Shared.Next(patients.Count)], 0));
        var plain = new ConcurrentBag<double>();
        var plainZoomBefore = zoomCalls.Meetings;
        await Parallel.ForEachAsync(Enumerable.Range(0, options.PlainPolls), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var p = patients[Random.Shared.Next(patients.Count)];
            var started = Stopwatch.GetTimestamp();
            var (ok, _, _) = await PollAsync(http, p, 0);
            if (ok) plain.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        });
        var plainZoom = zoomCalls.Meetings - plainZoomBefore;

        // 2. Everyone long-polls at once and, like the page, asks again after "still waiting" until the host is in
        // (or, once every woken patient has its answer, until the benchmark stops them).
        var (heapBefore, wsBefore) = Memory();
        var zoomBefore = (zoomCalls.Meetings, zoomCalls.Zaks, zoomCalls.Total);
        var answers = new ConcurrentDictionary<int, (long At, bool Ok, bool HostIsIn, string? Link)>();
        var stopAsking = new CancellationTokenSource();
        var held = 0L;
        var hold = Stopwatch.StartNew();
        var polls = patients.Select((p, i) => Task.Run(async () =>
        {
            while (true)
            {
                Interlocked.Increment(ref held);
                var (ok, hostIn, link) = await PollAsync(http, p, options.WaitSeconds);
                if (!ok || hostIn || stopAsking.IsCancellationRequested)
                {
                    answers[i] = (Stopwatch.GetTimestamp(), ok, hostIn, link);
                    return;
                }
            }
        })).ToList();
        var all = Stopwatch.StartNew();
        while (notifier.Subscribers < patients.Count && all.Elapsed < TimeSpan.FromSeconds(options.WaitSeconds - 2)) await Task.Delay(50);
        var waiting = notifier.Subscribers;
        var (heapWaiting, wsWaiting) = Memory();
        Console.WriteLine($"- {waiting} long-polls waiting after {all.Elapsed.TotalSeconds:0.0} s");

        // 2b. While they all wait: status polls at the rate the waiting pages themselves ask (open loop, each timed from
        // when it was due, so a slow answer cannot hold back the next ones and hide its cost).
        var gcBefore = (Pause: GC.GetTotalPauseDuration(), Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2));
        var during = await PollsAtRateAsync(http, patients, options.PollRate, TimeSpan.FromSeconds(options.RateSeconds));
        var gcDuring = (Pause: GC.GetTotalPauseDuration() - gcBefore.Pause, Gen0: GC.CollectionCount(0) - gcBefore.Gen0,
            Gen1: GC.CollectionCount(1) - gcBefore.Gen1, Gen2: GC.CollectionCount(2) - gcBefore.Gen2);

        // 3. Hosts join the first meetings (Zoom simulator -> signed webhook -> processing -> commit -> wake-up).
        var joined = new Dictionary<string, long>();
        var csns = patients.Select(p => p.Csn).Distinct().Take(options.Hosts).ToList();
        // When the commit that marks each host joined wakes the visit's waiters: splits the wake-up into the webhook path
        // (join -> webhook -> processing -> commit) and the waiting room's own part (commit -> each patient's answer).
        var committed = new ConcurrentDictionary<string, long>();
        var commitWatch = csns.Select(csn =>
        {
            var subscription = notifier.Subscribe(new VisitId(patients.First(p => p.Csn == csn).VisitId));
            return subscription.Changed.ContinueWith(_ => { committed[csn] = Stopwatch.GetTimestamp(); subscription.Dispose(); }, TaskScheduler.Default);
        }).ToList();
        await Parallel.ForEachAsync(csns, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (csn, ct) =>
        {
            var at = Stopwatch.GetTimestamp();
            lock (joined) joined[csn] = at;
            using var response = await app.Http.PostAsync($"/sandbox/zoom/_test/meetings/{meetings[csn]}/join",
                JsonContent(new { name = "Dr Host", asHost = true }), ct);
            response.EnsureSuccessStatusCode();
        });
        var hosted = patients.Select((p, i) => (p, i)).Where(x => joined.ContainsKey(x.p.Csn)).ToList();
        await Task.WhenAll(hosted.Select(x => polls[x.i]));
        var wake = hosted.Select(x => Stopwatch.GetElapsedTime(joined[x.p.Csn], answers[x.i].At).TotalMilliseconds).ToList();
        await Task.WhenAll(commitWatch).WaitAsync(TimeSpan.FromSeconds(30));
        var toCommit = csns.Select(csn => Stopwatch.GetElapsedTime(joined[csn], committed[csn]).TotalMilliseconds).ToList();
        var fromCommit = hosted.Select(x => Stopwatch.GetElapsedTime(committed[x.p.Csn], answers[x.i].At).TotalMilliseconds).ToList();
        var woken = hosted.Count(x => answers[x.i].HostIsIn);

        // 4. The woken patients ask again (the page would not, it opens Zoom; a reload would): answered at once, same link.
        var ready = new ConcurrentBag<double>();
        var sameLink = 0;
        await Parallel.ForEachAsync(hosted, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (x, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var (ok, hostIn, link) = await PollAsync(http, x.p, options.WaitSeconds);
            if (ok && hostIn) ready.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (link is not null && link == answers[x.i].Link) Interlocked.Increment(ref sameLink);
        });

        // 5. The others' waits run out: "still waiting".
        await stopAsking.CancelAsync();
        await Task.WhenAll(polls);
        var holdSeconds = hold.Elapsed.TotalSeconds;
        var stillWaiting = answers.Values.Count(a => a.Ok && !a.HostIsIn);
        var failed = answers.Values.Count(a => !a.Ok);
        var meetingCalls = zoomCalls.Meetings - zoomBefore.Meetings;
        var zakCalls = zoomCalls.Zaks - zoomBefore.Zaks;
        var allCalls = zoomCalls.Total - zoomBefore.Total;
        var totalPolls = Interlocked.Read(ref held) + hosted.Count;

        Console.WriteLine();
        Console.WriteLine("## Waiting room");
        Machine.Describe(Console.Out);
        Console.WriteLine($"- database: {app.Describe()}; clients: HTTP/2 (h2c) to a second Kestrel endpoint, one process");
        Console.WriteLine($"- patients {patients.Count}, visits {options.Visits}, long-poll wait {options.WaitSeconds} s, hosts joined {csns.Count} meetings ({hosted.Count} patients)");
        Console.WriteLine();
        Console.WriteLine("| what | n | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|");
        Row("plain poll, host not in (wait=0, c=32)", new Percentiles(plain));
        Row($"status poll while {waiting} wait (wait=0, {options.PollRate}/s open loop for {options.RateSeconds} s)", new Percentiles(during));
        Row("wake-up: host joins (simulator join -> webhook) -> patient's answer", new Percentiles(wake));
        Row("  of which: host joins -> the commit that records it (webhook path, per meeting)", new Percentiles(toCommit));
        Row("  of which: that commit -> each waiting patient's answer", new Percentiles(fromCommit));
        Row("poll once the host is in (answered at once, c=32)", new Percentiles(ready));
        Console.WriteLine();
        Console.WriteLine($"- long-polls held at once: {waiting} of {patients.Count}; answered: {answers.Count - failed} ok, {failed} failed; " +
            $"woken with hostIsIn: {woken} of {hosted.Count}; timed out with \"still waiting\": {stillWaiting}");
        Console.WriteLine($"- Zoom API calls while {patients.Count} patients long-polled ({Interlocked.Read(ref held)} long-polls, re-asked after \"still waiting\") and {hosted.Count} woken ones asked once more ({holdSeconds:0.0} s, {totalPolls} polls): " +
            $"GET meeting {meetingCalls} ({meetingCalls / (double)options.Visits:0.0} per visit, {meetingCalls / holdSeconds:0.0} per second, {meetingCalls / (double)totalPolls:0.000} per poll; " +
            $"the shared check, at most one per visit per {MeetingStatusChecks.MinInterval.TotalSeconds:0} s), ZAK {zakCalls} (woken patients {hosted.Count}; same link on the re-ask: {sameLink}); " +
            $"all Zoom API calls {allCalls}; app's own count of shared checks: {checks.Asked} (counted by the Zoom simulator's side of the wire)");
        Console.WriteLine($"- while the status polls ran at {options.PollRate}/s ({options.RateSeconds} s): GC collections gen0/1/2 {gcDuring.Gen0}/{gcDuring.Gen1}/{gcDuring.Gen2}, " +
            $"the process paused for GC {gcDuring.Pause.TotalMilliseconds:0} ms in all ({gcDuring.Pause.TotalMilliseconds / Math.Max(1, gcDuring.Gen0 + gcDuring.Gen1 + gcDuring.Gen2):0} ms a collection)");
        Console.WriteLine($"- plain polls: {options.PlainPolls} answered with {plainZoom} GET meeting calls; shared checks deferred by the tenant's Zoom budget ({services.GetRequiredService<WaitingRoomSettings>().ZoomChecksPerSecond}/s): {services.GetRequiredService<ZoomCheckBudget>().Deferred}");
        Console.WriteLine($"- server memory while {waiting} waited (this process holds the HTTP/2 clients too, so this is an upper bound): " +
            $"GC heap {Mb(heapBefore)} -> {Mb(heapWaiting)} MB, working set {Mb(wsBefore)} -> {Mb(wsWaiting)} MB; " +
            $"per waiting patient: heap {(heapWaiting - heapBefore) / 1024.0 / Math.Max(1, waiting):0.0} KB, working set {(wsWaiting - wsBefore) / 1024.0 / Math.Max(1, waiting):0.0} KB");
        Console.WriteLine($"- load average at the end: {Machine.LoadAverage()}");
        return failed == 0 && woken == hosted.Count && waiting == patients.Count ? 0 : 1;
    }

    /// <summary>
    /// wait=0 polls sent on a fixed schedule (<paramref name="rate"/> a second) from random patients; each latency is
    /// counted from the moment the poll was due, so queueing in the client or the server is in the figure.
    /// </summary>
    private static async Task<List<double>> PollsAtRateAsync(HttpClient http, List<Patient> patients, int rate, TimeSpan length)
    {
        var latencies = new ConcurrentBag<double>();
        var inFlight = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        var total = (int)(rate * length.TotalSeconds);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var patient = patients[Random.Shared.Next(patients.Count)];
            inFlight.Add(Task.Run(async () =>
            {
                var (ok, _, _) = await PollAsync(http, patient, 0);
                if (ok) latencies.Add(Stopwatch.GetElapsedTime(due).TotalMilliseconds);
            }));
        }
        await Task.WhenAll(inFlight);
        return latencies.ToList();
    }

    private static void Row(string what, Percentiles p) =>
        Console.WriteLine($"| {what} | {p.Count} | {p.At(50):0.0} | {p.At(99):0.0} | {p.Max:0.0} |");

    private sealed record Patient(string Csn, string Pass, Guid VisitId = default);

    private static async Task<List<Patient>> EnlistAsync(BenchApp app, List<string> csns, int count)
    {
        var perVisit = (count + csns.Count - 1) / csns.Count;
        var patients = new List<Patient>();
        foreach (var chunk in csns.Chunk(50))
        {
            patients.AddRange(await app.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<IAppDbContext>();
                var passes = sp.GetRequiredService<IVisitPasses>();
                var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                var made = new List<Patient>();
                var visits = await db.VideoVisits.Include(v => v.Participants).Where(v => chunk.Contains(v.Csn)).ToListAsync();
                foreach (var visit in visits)
                {
                    for (var i = 0; i < perVisit && patients.Count + made.Count < count; i++)
                    {
                        var participant = visit.Enlist($"bench-patient-{visit.Csn}-{i}", ParticipantRole.Patient, visit.HostZoomUserId, isHost: false, now);
                        made.Add(new Patient(visit.Csn, participant.Id.ToString()));
                    }
                }
                await db.SaveChangesAsync(CancellationToken.None);
                var ids = visits.ToDictionary(v => v.Csn, v => v.Id.Value);
                return made.Select(p => p with { VisitId = ids[p.Csn], Pass = passes.Issue(new VisitPass(ids[p.Csn], Guid.Parse(p.Pass), VisitPass.WaitingRoom), TimeSpan.FromHours(2)) }).ToList();
            }));
        }
        return patients;
    }

    private static async Task<(bool Ok, bool HostIsIn, string? Link)> PollAsync(HttpClient http, Patient patient, int wait)
    {
        try
        {
            using var response = await http.GetAsync($"/visit/wait/status?pass={Uri.EscapeDataString(patient.Pass)}&wait={wait}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                if (Interlocked.Exchange(ref reported, 1) == 0) Console.Error.WriteLine($"first failed poll: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return (false, false, null);
            }
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var hostIn = doc.RootElement.GetProperty("hostIsIn").GetBoolean();
            return (true, hostIn, hostIn ? doc.RootElement.GetProperty("joinUrl").GetString() : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            if (Interlocked.Exchange(ref reported, 1) == 0) Console.Error.WriteLine($"first failed poll: {ex.GetType().Name}: {ex.Message} {ex.InnerException?.Message}");
            return (false, false, null);
        }
    }

    private static int reported;

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The requests the Zoom simulator's REST API (/sandbox/zoom/v2/...) received, counted where they arrive: ASP.NET
    /// Core's hosting diagnostics (HttpRequestIn.Start carries the HttpContext) in this process. The _test endpoints
    /// the benchmark itself calls (hosts joining) are not Zoom API calls and are not counted.
    /// </summary>
    private sealed class ZoomCallCounter : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private const string Api = "/sandbox/zoom/v2/";
        private readonly IDisposable all;
        private readonly List<IDisposable> subscriptions = [];
        private long meetings;
        private long zaks;
        private long total;

        public ZoomCallCounter() => all = DiagnosticListener.AllListeners.Subscribe(this);

        /// <summary>GET /v2/meetings/{id}: the status check.</summary>
        public long Meetings => Interlocked.Read(ref meetings);

        /// <summary>GET /v2/users/{id}/token: a ZAK for a personal join link.</summary>
        public long Zaks => Interlocked.Read(ref zaks);

        /// <summary>Every Zoom API call (tokens, users, meetings).</summary>
        public long Total => Interlocked.Read(ref total);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name != "Microsoft.AspNetCore") return;
            lock (subscriptions) subscriptions.Add(listener.Subscribe(this, (name, _, _) =>
                name is "Microsoft.AspNetCore.Hosting.HttpRequestIn" or "Microsoft.AspNetCore.Hosting.HttpRequestIn.Start"));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key != "Microsoft.AspNetCore.Hosting.HttpRequestIn.Start" || value.Value is not Microsoft.AspNetCore.Http.HttpContext http) return;
            var path = http.Request.Path.Value ?? "";
            if (!path.StartsWith(Api, StringComparison.Ordinal)) return;
            Interlocked.Increment(ref total);
            if (!HttpMethods.IsGet(http.Request.Method)) return;
            if (path.StartsWith(Api + "meetings/", StringComparison.Ordinal)) Interlocked.Increment(ref meetings);
            else if (path.StartsWith(Api + "users/", StringComparison.Ordinal) && path.EndsWith("/token", StringComparison.Ordinal)) Interlocked.Increment(ref zaks);
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            all.Dispose();
            lock (subscriptions) foreach (var s in subscriptions) s.Dispose();
        }
    }
}
