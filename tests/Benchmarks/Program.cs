using EpicZoom.Benchmarks.Launch;
using EpicZoom.Benchmarks.Search;
using EpicZoom.Benchmarks.Waiting;
using EpicZoom.Benchmarks.Webhooks;

namespace EpicZoom.Benchmarks;

internal static class Program
{
    private const string Usage = """
        EpicZoom benchmarks (docs/benchmarks.md)

          dotnet run -c Release --project tests/Benchmarks -- launch [options]
          dotnet run -c Release --project tests/Benchmarks -- webhooks [options]
          dotnet run -c Release --project tests/Benchmarks -- search [options]
          dotnet run -c Release --project tests/Benchmarks -- waiting [options]

        launch (the default): hosts EpicZoom with the sandbox on Kestrel, drives SMART EHR launches through the Epic
        and Zoom simulators and prints EpicZoom's own time per launch (its LaunchRecords: DurationMs - UpstreamMs,
        begin + callback), the client-observed latency and the upstream calls per launch.

          --scenarios LIST   sequential,distinct,same (default: all three)
          --sequential N     launches at concurrency 1 (default 300; visits of 5 launches each)
          --concurrency C    simultaneous launches per wave (default 50)
          --batches B        waves per concurrent scenario (default 10)
          --warmup N         extra discarded launches after the pools are made (default 25)
          --data-path DIR    put EpicZoom's SQLite file and key ring under DIR (default: a temp folder), e.g.
                             /dev/shm to see what the database's disk syncs cost
          --min-threads N    raise the thread pool's minimum (diagnosis: does the pool starve?)
          --database DB      sqlite (default) or postgres (a throwaway local server)

        webhooks: posts signed Zoom webhooks to EpicZoom (sandbox, Kestrel) on SQLite and on a throwaway PostgreSQL
        server. ingest: throughput and ack latency at N closed-loop clients, next to a bare ASP.NET Core endpoint
        driven the same way in the same run (ratios), and a check that every acknowledged webhook was stored.
        report: joined/left webhooks for real visits at a steady rate, timed to the Epic simulator's receipt of the
        status report (p50/p99, delivered, lost). Not in the default set: durability (kill -9 under load, restart:
        every acknowledged webhook stored once; every acknowledged join/leave reported, in order, at most once extra),
        outage (the Epic simulator answers 503 for --outage-minutes while events flow: all reported after, in order,
        none Failed; max backlog, drain), zoomsim (joins/leaves made by the Zoom simulator against direct posting).

          --scenarios LIST      ingest,report (default: both); also durability, outage, zoomsim
          --outage-minutes M    outage scenario: minutes of 503 from the Epic simulator (default 10)
          --databases LIST      sqlite,postgres (default: both)
          --clients LIST        closed-loop clients per ingest level (default 1,16,32)
          --seconds S           measured seconds per ingest level (default 10)
          --warmup S            warm-up seconds before each ingest level (default 2)
          --ingest-events KIND  nomatch: participant_joined for meetings no visit has (default); visits: joined/left
                                for the participants of real visits (each also produces a report to Epic)
          --rate R              report scenario: events per second (default 100)
          --report-seconds S    report scenario: seconds of events (default 30)
          --visits V            visits made for the report scenario (2 people each; default 50)
          --mix MIX             report scenario: waves (default: every person in step, so a round of all joins
                                then a round of all leaves) or interleaved (half the people a step apart: each
                                round half joins, half leaves)
          --data-path DIR       put the SQLite file and key ring under DIR (default: a temp folder)
          --trace FILE          also write every report-latency event to FILE.<database>.csv

        search: fills NotificationRecords (and one NotificationAttempt per record) by bulk SQL, 1 M rows on SQLite and
        10 M on PostgreSQL, then times SearchNotificationsQuery through the app's MediatR pipeline as an admin for
        the searches the Notification Records page makes, with each SQL command's time and plan.

          --databases LIST   sqlite,postgres (default: both)
          --sqlite-rows N    rows on SQLite (default 1000000)
          --postgres-rows N  rows on PostgreSQL (default 10000000)
          --repetitions N    timed runs per search shape (default 20; a shape stops after 40 s once it has 5)
          --warmup N         discarded runs per shape first (default 3)
          --no-attempts      no NotificationAttempts rows (a faster fill)
          --no-explain       leave out the query plans (SQLite EXPLAIN QUERY PLAN; PostgreSQL EXPLAIN ANALYZE)
          --data-path DIR    put the SQLite file and key ring under DIR (default: a temp folder)

        waiting: hosts EpicZoom with the sandbox on Kestrel (SQLite), makes visits by provider launches, enlists
        patients with passes as the patient launch does, times plain status polls, holds every patient's long-poll at
        once over HTTP/2, has hosts join some meetings through the Zoom simulator (webhooks) and prints the wake-up
        latency, the Zoom calls made and the server memory per waiting patient.

          --patients N       waiting patients (default 10000)
          --visits V         visits they wait in (default 500)
          --hosts H          visits whose host joins during the wait (default 100)
          --plain N          plain polls timed first (default 2000)
          --wait S           the long-poll's wait in seconds (default 25, at most 25)
          --data-path DIR    put the SQLite file and key ring under DIR (default: a temp folder)
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args is [("-h" or "--help" or "help"), ..])
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var command = args is [var first, ..] && !first.StartsWith("--", StringComparison.Ordinal) ? first : "launch";
        var rest = args is [var head, ..] && head == command ? args[1..] : args;
        Func<Task<int>> run;
        try
        {
            run = command switch
            {
                "launch" => Run(LaunchOptions.Parse(rest), LaunchBenchmark.RunAsync),
                "webhooks" => Run(WebhookOptions.Parse(rest), WebhookBenchmark.RunAsync),
                "search" => Run(SearchOptions.Parse(rest), SearchBenchmark.RunAsync),
                "waiting" => Run(WaitingOptions.Parse(rest), WaitingBenchmark.RunAsync),
                _ => throw new ArgumentException($"Unknown benchmark '{command}'."),
            };
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        return await run();
    }

    private static Func<Task<int>> Run<TOptions>(TOptions options, Func<TOptions, Task<int>> benchmark) => () => benchmark(options);
}
