using System.Globalization;
using EpicZoom.Infrastructure.Persistence;

namespace EpicZoom.Benchmarks.Search;

internal sealed record SearchOptions(
    IReadOnlyList<DatabaseProvider> Databases, int SqliteRows, int PostgresRows, int Repetitions, int Warmup, bool Attempts, bool Explain, string? DataPath)
{
    public int RowsFor(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? SqliteRows : PostgresRows;

    public static SearchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SearchOptions([DatabaseProvider.Sqlite, DatabaseProvider.Postgres], 1_000_000, 10_000_000, 20, 3, true, true, null);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number(int min) => int.TryParse(Value(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a whole number of at least {min}.");

            options = args[i] switch
            {
                "--databases" => options with { Databases = ParseDatabases(Value()) },
                "--sqlite-rows" => options with { SqliteRows = Number(1000) },
                "--postgres-rows" => options with { PostgresRows = Number(1000) },
                "--repetitions" or "-n" => options with { Repetitions = Number(1) },
                "--warmup" => options with { Warmup = Number(0) },
                "--no-attempts" => options with { Attempts = false },
                "--no-explain" => options with { Explain = false },
                "--data-path" => options with { DataPath = Value() },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        return options;
    }

    private static List<DatabaseProvider> ParseDatabases(string list)
    {
        var chosen = list.ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0 || chosen.Except(["sqlite", "postgres"]).Any())
            throw new ArgumentException($"--databases takes sqlite,postgres; got '{list}'.");
        return chosen.Select(d => d == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres).ToList();
    }

    public override string ToString() =>
        $"databases={string.Join(',', Databases.Select(d => d.ToString().ToLowerInvariant()))} sqlite-rows={SqliteRows} postgres-rows={PostgresRows} " +
        $"repetitions={Repetitions} warmup={Warmup} attempts={(Attempts ? "yes" : "no")} explain={(Explain ? "yes" : "no")}" + (DataPath is null ? "" : $" data-path={DataPath}");
}
