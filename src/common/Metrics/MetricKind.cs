namespace HaKube.Common.Metrics;

/// <summary>The Prometheus metric type an instrument is exported as.</summary>
internal enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
