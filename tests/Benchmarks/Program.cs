using EpicZoom.Benchmarks.Launch;

namespace EpicZoom.Benchmarks;

internal static class Program
{
    private const string Usage = """
        EpicZoom benchmarks (docs/benchmarks.md)

          dotnet run -c Release --project tests/Benchmarks -- launch [options]

        launch: hosts EpicZoom with the sandbox on Kestrel, drives SMART EHR launches through the Epic and Zoom
        simulators and prints EpicZoom's own time per launch (its LaunchRecords: DurationMs - UpstreamMs, begin +
        callback), the client-observed latency and the upstream calls per launch.

          --scenarios LIST   sequential,distinct,same (default: all three)
          --sequential N     launches at concurrency 1 (default 300; visits of 5 launches each)
          --concurrency C    simultaneous launches per wave (default 50)
          --batches B        waves per concurrent scenario (default 10)
          --warmup N         extra discarded launches after the pools are made (default 25)
          --data-path DIR    put EpicZoom's SQLite file and key ring under DIR (default: a temp folder), e.g.
                             /dev/shm to see what the database's disk syncs cost
          --min-threads N    raise the thread pool's minimum (diagnosis: does the pool starve?)
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args is [("-h" or "--help" or "help"), ..])
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var command = args is [var first, ..] && !first.StartsWith("--", StringComparison.Ordinal) ? first : "launch";
        var rest = command == "launch" && args is [var head, ..] && head == "launch" ? args[1..] : args;
        if (command != "launch")
        {
            Console.Error.WriteLine($"Unknown benchmark '{command}'.");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        LaunchOptions options;
        try
        {
            options = LaunchOptions.Parse(rest);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        return await LaunchBenchmark.RunAsync(options);
    }
}
