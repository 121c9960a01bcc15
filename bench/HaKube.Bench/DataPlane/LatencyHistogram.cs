using System.Globalization;

namespace HaKube.Bench.DataPlane;

/// <summary>
/// Request latencies as wrk records them, one bucket per whole microsecond (value → count), so runs merge exactly: a
/// percentile of the merged histogram is the percentile of every request of those runs.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>
    /// wrk's done() hook printing its whole latency record on one line: "HIST us:count us:count ...". wrk's stats
    /// object gives the number of distinct values (#latency) and each value with its count (latency(i)).
    /// </summary>
    public const string WrkScript = """
        done = function(summary, latency, requests)
          local parts = {}
          for i = 1, #latency do
            local v, c = latency(i)
            parts[#parts + 1] = string.format("%d:%d", v, c)
          end
          io.write("HIST " .. table.concat(parts, " ") .. "\n")
        end
        """;

    private readonly SortedDictionary<long, long> _counts = [];

    public long Count { get; private set; }

    /// <summary>The histogram wrk printed through <see cref="WrkScript"/>, or null when its output has none.</summary>
    public static LatencyHistogram? Parse(string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("HIST", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var histogram = new LatencyHistogram();
        foreach (var pair in line["HIST".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0
                || !long.TryParse(pair.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var us)
                || !long.TryParse(pair.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new FormatException($"wrk's latency histogram has a malformed entry '{pair}'");
            }

            histogram.Add(us, count);
        }

        return histogram;
    }

    public void Add(long microseconds, long count)
    {
        if (count <= 0)
        {
            return;
        }

        _counts[microseconds] = _counts.GetValueOrDefault(microseconds) + count;
        Count += count;
    }

    public void Add(LatencyHistogram other)
    {
        foreach (var (us, count) in other._counts)
        {
            Add(us, count);
        }
    }

    /// <summary>The <paramref name="p"/>-th percentile in microseconds (wrk's resolution), by nearest rank (as wrk reports it); null when empty.</summary>
    public long? PercentileUs(double p)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(p / 100 * Count));
        long seen = 0;
        foreach (var (us, count) in _counts)
        {
            seen += count;
            if (seen >= rank)
            {
                return us;
            }
        }

        return _counts.Keys.Last();
    }
}
