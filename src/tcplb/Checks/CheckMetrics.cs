using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HaKube.Tcplb.Checks;

/// <summary>Checks run, by result (HAProxy's <c>check_status</c> code), and how long they took.</summary>
internal sealed class CheckMetrics : IDisposable
{
    public const string MeterName = "HaKube.Tcplb.Checks";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _checks;
    private readonly Histogram<double> _duration;

    public CheckMetrics()
    {
        _checks = _meter.CreateCounter<long>("tcplb.checks", "{check}", "Active health checks completed, by result");
        _duration = _meter.CreateHistogram<double>("tcplb.check.duration", "s", "Duration of active health checks");
    }

    public void Record(string backend, string server, ProbeResult result, TimeSpan duration)
    {
        var tags = new TagList { { "backend", backend }, { "server", server }, { "status", result.Code } };
        _checks.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    public void Dispose() => _meter.Dispose();
}
