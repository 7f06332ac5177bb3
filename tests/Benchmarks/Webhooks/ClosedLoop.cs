using System.Collections.Concurrent;
using System.Diagnostics;
using EpicZoom.Benchmarks.Common;

namespace EpicZoom.Benchmarks.Webhooks;

/// <summary>One measured level: a target driven by N clients for a while.</summary>
internal sealed record LoadLevel(
    string Target, int Clients, TimeSpan Measured, int Sent, int WarmupSent, int AnsweredInWindow, IReadOnlyDictionary<int, int> Statuses,
    Percentiles Ack, ScenarioLoad Load)
{
    /// <summary>Requests sent and answered within the measured window, per second.</summary>
    public double Throughput => AnsweredInWindow / Measured.TotalSeconds;

    public int Failed => Statuses.Where(s => s.Key is < 200 or >= 300).Sum(s => s.Value);
}

/// <summary>
/// Closed-loop load: N clients, each posting its next webhook as soon as the previous one is answered, for a warm-up
/// and then a measured window. Throughput counts the requests sent and answered inside the window; latency is the
/// client-observed time from send to the end of the answer of every request sent inside the window.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LoadLevel> RunAsync(
        string target, HttpClient http, string path, int clients, TimeSpan warmup, TimeSpan measured, Func<byte[]> nextBody)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var latencies = new ConcurrentBag<double>();
        var sent = 0;
        var warmupSent = 0;
        var answeredInWindow = 0;
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        // CPU and thread-pool figures cover the measured window (and the last answers after it).
        var sampler = Task.Run(async () =>
        {
            await Task.Delay(warmup);
            return ProcessSampler.Start();
        });

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loops = Enumerable.Range(0, clients).Select(async _ =>
        {
            await go.Task;
            var mine = new List<double>();
            while (Stopwatch.GetTimestamp() < measureTo)
            {
                var body = nextBody();
                var posted = await ZoomWebhooks.PostAsync(http, path, body);
                var ended = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref sent);
                statuses.AddOrUpdate(posted.Status, 1, (_, n) => n + 1);
                if (posted.StartedTicks < measureFrom)
                {
                    Interlocked.Increment(ref warmupSent);
                }
                else
                {
                    mine.Add(posted.AckMs);
                    if (ended <= measureTo) Interlocked.Increment(ref answeredInWindow);
                }
            }
            foreach (var ms in mine) latencies.Add(ms);
        }).ToList();
        go.SetResult();
        await Task.WhenAll(loops);
        var load = (await sampler).Stop($"{target} c={clients}");
        return new LoadLevel(target, clients, measured, sent, warmupSent, answeredInWindow, statuses, new Percentiles(latencies), load);
    }
}
