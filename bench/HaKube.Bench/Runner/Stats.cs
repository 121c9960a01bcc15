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

    /// <summary>
    /// A 95% interval for median(<paramref name="a"/>) − median(<paramref name="b"/>): the percentile bootstrap, each
    /// side resampled with replacement. The seed is fixed, so a report rebuilt from the same lab.json says the same.
    /// </summary>
    public static (double Low, double High) MedianDifferenceInterval(IReadOnlyList<double> a, IReadOnlyList<double> b, int resamples = 4000)
    {
        ArgumentOutOfRangeException.ThrowIfZero(a.Count);
        ArgumentOutOfRangeException.ThrowIfZero(b.Count);
        var random = new Random(5798);
        var differences = new double[resamples];
        var x = new double[a.Count];
        var y = new double[b.Count];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = a[random.Next(a.Count)];
            }

            for (var i = 0; i < y.Length; i++)
            {
                y[i] = b[random.Next(b.Count)];
            }

            differences[r] = Median(x) - Median(y);
        }

        return (Percentile(differences, 2.5), Percentile(differences, 97.5));
    }

    /// <summary>The <paramref name="p"/>-th percentile (0..100), nearest rank.</summary>
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        ArgumentOutOfRangeException.ThrowIfZero(samples.Count);
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
