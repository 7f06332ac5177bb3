using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using EpicZoom.Benchmarks.Common;
using EpicZoom.Domain.Notifications;
using EpicZoom.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Benchmarks.Webhooks;

/// <summary>
/// <c>webhooks --scenarios zoomsim</c>: webhook → Epic latency with the joins and leaves made by the sandbox's Zoom
/// simulator (<c>/sandbox/zoom/_test/meetings/{id}/join|leave</c>, which signs and sends the webhooks to EpicZoom
/// the way a user's sandbox does, several at once), against the same load posted directly by the benchmark, in the
/// same run on the same EpicZoom. Each path gets its own visits; in both the hosts join first and stay, and the
/// patients alternate joined/left at <c>--rate</c>. The time runs from just before the benchmark's request (the
/// simulator's join/leave, or the webhook POST) to the Epic simulator's log entry of the report.
/// </summary>
internal static class ZoomSimScenario
{
    public sealed record Result(string Database, string Setup, ReportRun Direct, ReportRun Simulated, string LoadAverage)
    {
        public bool Failed => new[] { Direct, Simulated }.Any(r => r.Lost > 0 || r.ExtraReports > 0 || r.WrongStatus > 0 || r.Events.Any(e => e.Sent.Posted.Status is < 200 or >= 300));
    }

    public static async Task<Result> RunAsync(DatabaseProvider provider, WebhookOptions options)
    {
        var name = WebhookBenchmark.Name(provider);
        await using var host = await BenchApp.StartAsync(provider, options.DataPath, durablePostgres: true);
        Console.Error.WriteLine($"  making 2 × {options.Visits} visits for the direct and the Zoom-simulator paths...");
        var direct = await BenchVisits.CreateAsync(host, options.Visits);
        var simulated = await BenchVisits.CreateAsync(host, options.Visits);
        var seats = new ConcurrentDictionary<BenchPerson, string>();

        async Task<Posted> ThroughSimulator(BenchPerson person, (string Event, string Session) next)
        {
            var joining = next.Event == ZoomWebhooks.Joined;
            var path = $"/sandbox/zoom/_test/meetings/{person.MeetingId}/{(joining ? "join" : "leave")}";
            object body = joining
                ? new { zoomUserId = person.ZoomUserId, asHost = person.Role == nameof(Domain.Visits.ParticipantRole.Provider) }
                : new { participantId = seats.TryRemove(person, out var seat) ? seat : throw new InvalidOperationException($"{person.Csn}: a leave before its join") };
            var sentAt = DateTimeOffset.UtcNow;
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await host.Http.PostAsJsonAsync(path, body);
                var status = (int)response.StatusCode;
                if (joining && response.IsSuccessStatusCode)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    seats[person] = json.RootElement.GetProperty("participantId").GetString()!;
                    if (json.RootElement.GetProperty("state").GetString() != "joined") status = 409; // in a waiting room: no participant_joined
                }
                return new Posted(sentAt, started, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (HttpRequestException)
            {
                return new Posted(sentAt, started, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        async Task HostsJoin(IReadOnlyList<BenchPerson> people, ReportLatency.Sender? send)
        {
            foreach (var hostPerson in people.Where(IsHost))
            {
                var posted = send is null
                    ? await ZoomWebhooks.PostAsync(host.Http, ZoomWebhooks.Path, ZoomWebhooks.MeetingEvent(hostPerson.NextEvent(), hostPerson.MeetingId, hostPerson.ZoomUserId, DateTimeOffset.UtcNow))
                    : await send(hostPerson, hostPerson.NextEvent());
                if (posted.Status is < 200 or >= 300) throw new InvalidOperationException($"Host of {hostPerson.Csn} could not join: HTTP {posted.Status}.");
            }
            // The hosts' reports are in before the patients' warm-up counts what Epic already has.
            var csns = people.Select(p => p.Csn).ToList();
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (await host.DbAsync(db => db.NotificationRecords.CountAsync(r => csns.Contains(r.Csn) && r.Status == NotificationStatus.Delivered)) < people.Count(IsHost))
            {
                if (DateTime.UtcNow > until) throw new InvalidOperationException("The hosts' joins did not all reach Epic within 60 s.");
                await Task.Delay(200);
            }
        }

        var runs = new List<ReportRun>();
        foreach (var (people, send, label) in new[] { (direct, (ReportLatency.Sender?)null, "posted directly"), (simulated, ThroughSimulator, "through the Zoom simulator") })
        {
            Console.Error.WriteLine($"  zoomsim on {name}, {label}: hosts join, warm-up...");
            await HostsJoin(people, send);
            var patients = people.Where(p => !IsHost(p)).ToList();
            var latency = new ReportLatency(host, patients, send);
            await latency.WarmUpAsync(options.Rate, options.Interleaves);
            Console.Error.WriteLine($"  zoomsim on {name}, {label}: {options.Rate}/s for {options.ReportSeconds} s...");
            runs.Add(await latency.RunAsync($"{name}, {label}", options.Rate, TimeSpan.FromSeconds(options.ReportSeconds)));
        }
        return new Result(name, host.Describe(), runs[0], runs[1], Machine.LoadAverage());
    }

    private static bool IsHost(BenchPerson person) => person.Role == nameof(Domain.Visits.ParticipantRole.Provider);

    public static void Print(TextWriter output, WebhookOptions options, IReadOnlyList<Result> results)
    {
        output.WriteLine();
        output.WriteLine($"## Webhook → Epic through the Zoom simulator, against posting directly, at {options.Rate} events/s");
        output.WriteLine();
        output.WriteLine($"{options.Visits} visits per path; the hosts join first and stay; the {options.Visits} patients alternate joined/left for {options.ReportSeconds} s " +
                         "after a warm-up of one join and one leave each. Through the simulator: the benchmark calls /sandbox/zoom/_test/meetings/{id}/join|leave, the " +
                         "simulator signs the webhook and sends it to EpicZoom (several at once, as Zoom does). Directly: the benchmark posts the same kind of signed webhook. " +
                         "From just before the benchmark's request to the Epic simulator's log entry; ms.");
        output.WriteLine();
        output.WriteLine("| database | path | events | delivered | lost | extra | wrong status / order | p50 | p90 | p99 | max | joins p50 / p99 | leaves p50 / p99 | request answered p50 / p99 |");
        output.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
            foreach (var (path, run) in new[] { ("posted directly", r.Direct), ("through the Zoom simulator", r.Simulated) })
            {
                var all = new Percentiles(run.Events.Select(e => e.ToEpicMs).OfType<double>());
                var joins = new Percentiles(run.Events.Where(e => e.Sent.Event == ZoomWebhooks.Joined).Select(e => e.ToEpicMs).OfType<double>());
                var leaves = new Percentiles(run.Events.Where(e => e.Sent.Event == ZoomWebhooks.Left).Select(e => e.ToEpicMs).OfType<double>());
                var ack = new Percentiles(run.Events.Select(e => e.Sent.Posted.AckMs));
                output.WriteLine($"| {r.Database} | {path} | {run.Events.Count} | {run.Delivered} | {run.Lost} | {run.ExtraReports} | {run.WrongStatus} | {all.At(50):0} | {all.At(90):0} | {all.At(99):0} | {all.Max:0} | " +
                                 $"{joins.At(50):0} / {joins.At(99):0} | {leaves.At(50):0} / {leaves.At(99):0} | {ack.At(50):0.0} / {ack.At(99):0.0} |");
            }
        output.WriteLine();
        foreach (var r in results)
            output.WriteLine($"- {r.Database}: {r.Setup}; load average at the end {r.LoadAverage}; requests answered non-2xx: direct {NonOk(r.Direct)}, simulator {NonOk(r.Simulated)}" +
                             (r.Failed ? " — **FAILED**" : ""));
    }

    private static int NonOk(ReportRun run) => run.Events.Count(e => e.Sent.Posted.Status is < 200 or >= 300);
}
