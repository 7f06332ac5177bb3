using System.Globalization;

namespace EpicZoom.Benchmarks.Common;

/// <summary>Nearest-rank percentiles of a sample (p99 of 300 values is the 297th smallest).</summary>
internal sealed class Percentiles
{
    private readonly double[] sorted;

    public Percentiles(IEnumerable<double> values)
    {
        sorted = values.ToArray();
        Array.Sort(sorted);
    }

    public int Count => sorted.Length;

    public double Mean => sorted.Length == 0 ? double.NaN : sorted.Average();

    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    public double At(double percentile)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>"p50 / p90 / p99 / max" in milliseconds.</summary>
    public string Summary(string format = "0.0") =>
        Count == 0 ? "-" : string.Join(" / ", new[] { At(50), At(90), At(99), Max }.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
}
