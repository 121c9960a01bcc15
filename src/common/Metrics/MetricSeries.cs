namespace HaKube.Common.Metrics;

/// <summary>One tag combination of an instrument and its aggregate (sum, last value, or histogram counts).</summary>
internal sealed class MetricSeries
{
    public MetricSeries(KeyValuePair<string, object?>[] tags, int bucketCount)
    {
        Tags = tags;
        BucketCounts = bucketCount > 0 ? new long[bucketCount] : [];
    }

    /// <summary>The tags as recorded, sorted by key.</summary>
    public KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>Sum (counters), last value (gauges), or sum of observations (histograms).</summary>
    public double Value { get; set; }

    /// <summary>Histogram observations counted per bucket (not cumulative); the last one is +Inf.</summary>
    public long[] BucketCounts { get; }

    public long Count { get; set; }

    /// <summary>Same tag set as the measurement's, in any order, without allocating.</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != Tags.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            var found = false;
            foreach (var mine in Tags)
            {
                if (string.Equals(mine.Key, tag.Key, StringComparison.Ordinal))
                {
                    found = Equals(mine.Value, tag.Value);
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
