using System.Net;

namespace HaKube.Common.Metrics;

/// <summary>Where the metrics endpoint listens and which meters it exports.</summary>
public sealed record PrometheusExporterOptions
{
    /// <summary>The TCP endpoint; keep it on loopback (127.0.0.1:PORT) unless a scraper elsewhere needs it.</summary>
    public required IPEndPoint Endpoint { get; init; }

    /// <summary>Names of the meters to export (System.Diagnostics.Metrics.Meter.Name), e.g. "HaKube.Vrrpd".</summary>
    public required IReadOnlyCollection<string> MeterNames { get; init; }

    /// <summary>Scrapes served at once; more are refused with 503.</summary>
    public int MaxConnections { get; init; } = 8;
}
