namespace HaKube.Bench.Runner;

/// <summary>Order statistics of a sample set: median and range. No means: a 2-core shared machine has outliers.</summary>
internal static class Stats
{
    public static double Median(IReadOnlyList<double> samples)
    {
        ArgumentOutOfRangeException.ThrowIfZero(samples.Count);
        var sorted = samples.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double Min(IReadOnlyList<double> samples) => samples.Min();

    public static double Max(IReadOnlyList<double> samples) => samples.Max();

    /// <summary>The <paramref name="p"/>-th percentile (0..100), nearest rank.</summary>
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        ArgumentOutOfRangeException.ThrowIfZero(samples.Count);
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
