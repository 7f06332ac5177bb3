using System.Globalization;
using EpicZoom.Infrastructure.Persistence;

namespace EpicZoom.Benchmarks.Webhooks;

internal sealed record WebhookOptions(
    IReadOnlySet<string> Scenarios, IReadOnlyList<DatabaseProvider> Databases, IReadOnlyList<int> Clients, int Seconds, int Warmup,
    string IngestEvents, int Rate, int ReportSeconds, int Visits, string? DataPath, string? TraceFile, int OutageMinutes = 10, string Mix = WebhookOptions.Waves)
{
    public const string Ingest = "ingest";
    public const string Report = "report";

    /// <summary>kill -9 in the middle of a load, restart, every acknowledged webhook present once (not in the default set).</summary>
    public const string Durability = "durability";

    /// <summary>The Epic simulator answers 503 for <see cref="OutageMinutes"/> while events flow (not in the default set).</summary>
    public const string Outage = "outage";

    /// <summary>Joins/leaves made by the Zoom simulator against posting webhooks directly (not in the default set).</summary>
    public const string ZoomSim = "zoomsim";
    public const string NoMatch = "nomatch";
    public const string VisitEvents = "visits";

    /// <summary>Report mixes: every person in step (all join for one round, all leave the next) or half of them a step apart.</summary>
    public const string Waves = "waves";
    public const string Interleaved = "interleaved";

    public bool Interleaves => Mix == Interleaved;

    private static readonly string[] AllScenarios = [Ingest, Report];

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    public static WebhookOptions Parse(IReadOnlyList<string> args)
    {
        var options = new WebhookOptions(new HashSet<string>(AllScenarios, StringComparer.Ordinal), [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
            [1, 16, 32], 10, 2, NoMatch, 100, 30, 50, null, null);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a whole number of at least {min}.");

            options = args[i] switch
            {
                "--scenarios" => options with { Scenarios = List(Value(), "--scenarios", [.. AllScenarios, Durability, Outage, ZoomSim]).ToHashSet(StringComparer.Ordinal) },
                "--databases" => options with { Databases = ParseDatabases(Value()) },
                "--clients" or "-c" => options with { Clients = ParseClients(Value()) },
                "--seconds" => options with { Seconds = Number(1) },
                "--warmup" => options with { Warmup = Number(0) },
                "--ingest-events" => options with { IngestEvents = List(Value(), "--ingest-events", [NoMatch, VisitEvents]) is [var one] ? one : throw new ArgumentException("--ingest-events takes one of nomatch, visits.") },
                "--rate" => options with { Rate = Number(1) },
                "--report-seconds" => options with { ReportSeconds = Number(1) },
                "--visits" => options with { Visits = Number(1) },
                "--data-path" => options with { DataPath = Value() },
                "--trace" => options with { TraceFile = Value() },
                "--outage-minutes" => options with { OutageMinutes = Number(1) },
                "--mix" => options with { Mix = List(Value(), "--mix", [Waves, Interleaved]) is [var mix] ? mix : throw new ArgumentException("--mix takes one of waves, interleaved.") },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        return options;
    }

    private static List<string> List(string list, string option, string[] allowed)
    {
        var chosen = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0 || chosen.Except(allowed).Any())
            throw new ArgumentException($"{option} takes {string.Join(',', allowed)}; got '{list}'.");
        return chosen;
    }

    private static List<DatabaseProvider> ParseDatabases(string list) =>
        List(list.ToLowerInvariant(), "--databases", ["sqlite", "postgres"]).Select(d => d == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres).ToList();

    private static List<int> ParseClients(string list)
    {
        var parts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var numbers = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 0).ToList();
        if (numbers.Count == 0 || numbers.Contains(0)) throw new ArgumentException($"--clients takes a list of whole numbers of at least 1; got '{list}'.");
        return numbers;
    }

    public override string ToString() =>
        $"scenarios={string.Join(',', Scenarios)} databases={string.Join(',', Databases.Select(d => d.ToString().ToLowerInvariant()))} " +
        $"clients={string.Join(',', Clients)} seconds={Seconds} warmup={Warmup} ingest-events={IngestEvents} rate={Rate} report-seconds={ReportSeconds} visits={Visits} mix={Mix} outage-minutes={OutageMinutes}" +
        (DataPath is null ? "" : $" data-path={DataPath}");
}
