using System.Globalization;
using EpicZoom.Infrastructure.Persistence;

namespace EpicZoom.Benchmarks.Launch;

internal sealed record LaunchOptions(
    IReadOnlySet<string> Scenarios, int Sequential, int Concurrency, int Batches, int Warmup, string? DataPath, int? MinThreads,
    DatabaseProvider Database = DatabaseProvider.Sqlite, int Settle = 0)
{
    public const string Sequential1 = "sequential";
    public const string Distinct = "distinct";
    public const string SameCsn = "same";

    private static readonly string[] All = [Sequential1, Distinct, SameCsn];

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    public static LaunchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LaunchOptions(new HashSet<string>(All, StringComparer.Ordinal), 300, 50, 10, 25, null, null);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a whole number of at least {min}.");

            options = args[i] switch
            {
                "--scenarios" => options with { Scenarios = ParseScenarios(Value()) },
                "--sequential" or "-n" => options with { Sequential = Number(1) },
                "--concurrency" or "-c" => options with { Concurrency = Number(1) },
                "--batches" => options with { Batches = Number(1) },
                "--warmup" => options with { Warmup = Number(0) },
                "--settle" => options with { Settle = Number(0) },
                "--data-path" => options with { DataPath = Value() },
                "--min-threads" => options with { MinThreads = Number(1) },
                "--database" => options with
                {
                    Database = Value() switch
                    {
                        "sqlite" => DatabaseProvider.Sqlite,
                        "postgres" => DatabaseProvider.Postgres,
                        var other => throw new ArgumentException($"--database takes sqlite or postgres; got '{other}'."),
                    },
                },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        return options;
    }

    private static HashSet<string> ParseScenarios(string list)
    {
        var chosen = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = chosen.Except(All).ToList();
        if (unknown.Count > 0 || chosen.Count == 0)
            throw new ArgumentException($"--scenarios takes {string.Join(',', All)}; got '{list}'.");
        return chosen;
    }

    public override string ToString() =>
        $"database={Database.ToString().ToLowerInvariant()} scenarios={string.Join(',', All.Where(Runs))} sequential={Sequential} concurrency={Concurrency} batches={Batches} warmup={Warmup}" +
        (Settle == 0 ? "" : $" settle={Settle}s") +
        (DataPath is null ? "" : $" data-path={DataPath}") + (MinThreads is null ? "" : $" min-threads={MinThreads}");
}
