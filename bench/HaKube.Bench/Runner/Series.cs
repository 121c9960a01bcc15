namespace HaKube.Bench.Runner;

/// <summary>
/// Repeated samples of one metric on one target, e.g. "new TLS connections/s" through HAProxy: one sample per run.
/// The report shows the median and the range (min–max), never a single sample alone.
/// </summary>
internal sealed record Series(string Part, string Metric, string Target, string Unit, IReadOnlyList<double> Samples)
{
    /// <summary>How the number was obtained, when the metric's name does not say it.</summary>
    public string? Note { get; init; }

    /// <summary>The target of the same part and metric this one is compared with (the reference: HAProxy, Keepalived).</summary>
    public string? ComparedWith { get; init; }

    /// <summary>True when smaller is better (latency, memory, outage); the report words ratios accordingly.</summary>
    public bool LowerIsBetter { get; init; }
}
