using System.Globalization;

namespace EpicZoom.Benchmarks.Waiting;

internal sealed record WaitingOptions(int Patients, int Visits, int Hosts, int PlainPolls, int WaitSeconds, string? DataPath,
    int WarmupPolls = 500, int PollRate = 450, int RateSeconds = 5)
{
    public static WaitingOptions Parse(string[] args)
    {
        var o = new WaitingOptions(10_000, 500, 100, 2_000, 25, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"{args[i - 1]} needs a positive number.");
            o = args[i] switch
            {
                "--patients" => o with { Patients = Int() },
                "--visits" => o with { Visits = Int() },
                "--hosts" => o with { Hosts = Int() },
                "--plain" => o with { PlainPolls = Int() },
                "--warmup" => o with { WarmupPolls = Int() },
                "--rate" => o with { PollRate = Int() },
                "--rate-seconds" => o with { RateSeconds = Int() },
                "--wait" => o with { WaitSeconds = Math.Min(Int(), 25) },
                "--data-path" => o with { DataPath = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]} for waiting."),
            };
        }
        if (o.Hosts > o.Visits) throw new ArgumentException("--hosts cannot exceed --visits.");
        return o;
    }
}
