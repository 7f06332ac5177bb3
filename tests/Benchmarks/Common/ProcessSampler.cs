using System.Diagnostics;

namespace EpicZoom.Benchmarks.Common;

/// <summary>How busy the process was during one scenario: CPU, and whether work queued up for want of pool threads.</summary>
internal sealed record ScenarioLoad(string Scenario, TimeSpan Elapsed, TimeSpan Cpu, int MaxThreads, long MaxQueued)
{
    /// <summary>Share of all the machine's CPUs this process used.</summary>
    public double CpuShare => Cpu / (Elapsed * Environment.ProcessorCount);
}

/// <summary>
/// Samples the thread pool every few milliseconds on a thread of its own (a starved pool would delay a timer). Work
/// items left queued mean the pool had no thread free: every continuation, EpicZoom's and the simulators', waited.
/// </summary>
internal sealed class ProcessSampler : IDisposable
{
    private readonly Thread thread;
    private readonly TimeSpan cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long started = Stopwatch.GetTimestamp();
    private volatile bool stopping;
    private int maxThreads;
    private long maxQueued;

    private ProcessSampler()
    {
        thread = new Thread(Sample) { IsBackground = true, Name = "benchmark sampler" };
        thread.Start();
    }

    public static ProcessSampler Start() => new();

    public ScenarioLoad Stop(string scenario)
    {
        stopping = true;
        thread.Join();
        return new ScenarioLoad(scenario, Stopwatch.GetElapsedTime(started), Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart, maxThreads, maxQueued);
    }

    public void Dispose()
    {
        stopping = true;
        thread.Join();
    }

    private void Sample()
    {
        while (!stopping)
        {
            maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
            maxQueued = Math.Max(maxQueued, ThreadPool.PendingWorkItemCount);
            Thread.Sleep(5);
        }
    }
}
