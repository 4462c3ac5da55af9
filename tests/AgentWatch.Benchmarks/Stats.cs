using System.Globalization;

namespace AgentWatch.Benchmarks;

/// <summary>Medians, ranges and percentiles, formatted the same way everywhere.</summary>
internal static class Stats
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The value below which a share <paramref name="p"/> of the sorted samples lie (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];

    /// <summary>"median (min–max)" in the given format.</summary>
    public static string MedianRange(IReadOnlyCollection<double> values, string format) =>
        values.Count == 1
            ? values.First().ToString(format, CultureInfo.InvariantCulture)
            : $"{Median(values).ToString(format, CultureInfo.InvariantCulture)} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)})";

    /// <summary>Every value, in the order measured.</summary>
    public static string Each(IEnumerable<double> values, string format) => string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
}
