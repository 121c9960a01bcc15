using System.Diagnostics.Metrics;

namespace HaKube.Common.Metrics;

/// <summary>The running aggregate of one instrument, one series per tag set, guarded by a lock per instrument.</summary>
internal sealed class InstrumentState
{
    // Beyond this many tag sets an instrument stops growing: a label with unbounded values must not eat the daemon.
    internal const int MaxSeries = 2000;

    // Prometheus' client defaults for durations in seconds; OpenTelemetry's explicit-bucket defaults otherwise.
    private static readonly double[] SecondsBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly Lock _gate = new();
    private readonly List<MetricSeries> _series = [];

    // Observable instruments and Gauge<T> report current values; counters and up-down counters report increments.
    private readonly bool _lastValue;

    public InstrumentState(Instrument instrument, MetricKind kind, IReadOnlyList<double>? adviceBounds)
    {
        Instrument = instrument;
        Kind = kind;
        Name = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, kind);
        Bounds = kind != MetricKind.Histogram ? []
            : adviceBounds is { Count: > 0 } ? [.. adviceBounds]
            : instrument.Unit == "s" ? SecondsBounds
            : DefaultBounds;
        var type = instrument.GetType();
        _lastValue = instrument.IsObservable || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Gauge<>));
    }

    public Instrument Instrument { get; }

    public MetricKind Kind { get; }

    /// <summary>The exported name, with unit and _total suffixes.</summary>
    public string Name { get; }

    /// <summary>Histogram upper bounds (le), ascending, without +Inf.</summary>
    public double[] Bounds { get; }

    /// <summary>Tag sets dropped at <see cref="MaxSeries"/>.</summary>
    public long DroppedMeasurements { get; private set; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_gate)
        {
            if (Find(tags) is not { } series)
            {
                return;
            }

            switch (Kind)
            {
                case MetricKind.Histogram:
                    series.Value += value;
                    series.Count++;
                    series.BucketCounts[BucketOf(value)]++;
                    break;
                case MetricKind.Counter or MetricKind.Gauge when _lastValue:
                    series.Value = value;
                    break;
                default:
                    series.Value += value;
                    break;
            }
        }
    }

    /// <summary>Observable instruments report full state at each collection: forget the previous one first.</summary>
    public void ResetObservations()
    {
        if (!Instrument.IsObservable)
        {
            return;
        }

        lock (_gate)
        {
            _series.Clear();
        }
    }

    /// <summary>A copy of the series, taken under the lock, for writing out.</summary>
    public (KeyValuePair<string, object?>[] Tags, double Value, long Count, long[] Buckets)[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _series.Select(s => (s.Tags, s.Value, s.Count, (long[])s.BucketCounts.Clone()))];
        }
    }


    private int BucketOf(double value)
    {
        for (var i = 0; i < Bounds.Length; i++)
        {
            if (value <= Bounds[i])
            {
                return i;
            }
        }

        return Bounds.Length;
    }

    private MetricSeries? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var series in _series)
        {
            if (series.Matches(tags))
            {
                return series;
            }
        }

        if (_series.Count >= MaxSeries)
        {
            DroppedMeasurements++;
            return null;
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var created = new MetricSeries(sorted, Kind == MetricKind.Histogram ? Bounds.Length + 1 : 0);
        _series.Add(created);
        return created;
    }
}
