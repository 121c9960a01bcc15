using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace HaKube.Common.Metrics;

/// <summary>
/// Listens to the instruments of the chosen meters and writes them in the Prometheus text exposition format 0.0.4.
/// Measurements aggregate as they arrive; observable instruments are read at each scrape.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    private readonly HashSet<string> _meterNames;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();
    private readonly Lock _scrape = new();

    public MetricsCollector(IEnumerable<string> meterNames)
    {
        _meterNames = new HashSet<string>(meterNames, StringComparer.Ordinal);
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentState? _);
        _listener.SetMeasurementEventCallback<byte>((i, m, t, _) => Record(i, m, t));
        _listener.SetMeasurementEventCallback<short>((i, m, t, _) => Record(i, m, t));
        _listener.SetMeasurementEventCallback<int>((i, m, t, _) => Record(i, m, t));
        _listener.SetMeasurementEventCallback<long>((i, m, t, _) => Record(i, m, t));
        _listener.SetMeasurementEventCallback<float>((i, m, t, _) => Record(i, m, t));
        _listener.SetMeasurementEventCallback<double>((i, m, t, _) => Record(i, m, t));
        _listener.SetMeasurementEventCallback<decimal>((i, m, t, _) => Record(i, (double)m, t));
        _listener.Start();
    }

    /// <summary>The whole exposition: observable instruments read now, families sorted by name.</summary>
    public string Collect()
    {
        lock (_scrape)
        {
            foreach (var state in _instruments.Values)
            {
                state.ResetObservations();
            }

            _listener.RecordObservableInstruments();
            var output = new StringBuilder();
            foreach (var family in _instruments.Values.GroupBy(s => s.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                WriteFamily(output, family.Key, [.. family]);
            }

            return output.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_meterNames.Contains(instrument.Meter.Name) || KindOf(instrument) is not { } kind)
        {
            return;
        }

        _instruments[instrument] = new InstrumentState(instrument, kind, AdviceBounds(instrument));
        listener.EnableMeasurementEvents(instrument);
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_instruments.TryGetValue(instrument, out var state))
        {
            state.Record(value, tags);
        }
    }

    internal static MetricKind? KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>) ? MetricKind.Counter
            : definition == typeof(Histogram<>) ? MetricKind.Histogram
            : definition == typeof(UpDownCounter<>) || definition == typeof(ObservableUpDownCounter<>)
                || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>) ? MetricKind.Gauge
            : null;
    }

    private static List<double>? AdviceBounds(Instrument instrument) => instrument switch
    {
        Instrument<double> i => i.Advice?.HistogramBucketBoundaries?.ToList(),
        Instrument<float> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Instrument<long> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Instrument<short> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Instrument<byte> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Instrument<decimal> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        _ => null,
    };

    private static void WriteFamily(StringBuilder output, string name, InstrumentState[] states)
    {
        // Two instruments that map to one name must agree on the type; the first one published wins.
        var kind = states[0].Kind;
        var rows = states.Where(s => s.Kind == kind).SelectMany(s => s.Snapshot().Select(r => (State: s, Row: r))).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        if (states.Select(s => s.Instrument.Description).FirstOrDefault(d => !string.IsNullOrEmpty(d)) is { } help)
        {
            output.Append("# HELP ").Append(name).Append(' ');
            PrometheusNaming.AppendHelp(output, help);
            output.Append('\n');
        }

        output.Append("# TYPE ").Append(name).Append(' ').Append(kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');

        foreach (var (state, row) in rows)
        {
            if (kind != MetricKind.Histogram)
            {
                WriteSample(output, name, row.Tags, null, row.Value);
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i < row.Buckets.Length; i++)
            {
                cumulative += row.Buckets[i];
                var le = i < state.Bounds.Length ? PrometheusNaming.Value(state.Bounds[i]) : "+Inf";
                WriteSample(output, name + "_bucket", row.Tags, le, cumulative);
            }

            WriteSample(output, name + "_sum", row.Tags, null, row.Value);
            WriteSample(output, name + "_count", row.Tags, null, row.Count);
        }
    }

    private static void WriteSample(StringBuilder output, string name, KeyValuePair<string, object?>[] tags, string? le, double value)
    {
        output.Append(name);
        if (tags.Length > 0 || le is not null)
        {
            output.Append('{');
            var first = true;
            foreach (var tag in tags)
            {
                output.Append(first ? "" : ",").Append(PrometheusNaming.LabelName(tag.Key)).Append("=\"");
                PrometheusNaming.AppendLabelValue(output, PrometheusNaming.TagText(tag.Value));
                output.Append('"');
                first = false;
            }

            if (le is not null)
            {
                output.Append(first ? "" : ",").Append("le=\"").Append(le).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(PrometheusNaming.Value(value)).Append('\n');
    }
}
