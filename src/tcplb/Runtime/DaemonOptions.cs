using System.Net;
using HaKube.Tcplb.Checks;
using HaKube.Tcplb.Configuration;
using Microsoft.Extensions.Logging;

namespace HaKube.Tcplb.Runtime;

/// <summary>How the daemon runs, from the command line (the configuration file says what it serves).</summary>
internal sealed record DaemonOptions
{
    /// <summary>The port of the Prometheus endpoint by default; vrrpd's is 9650.</summary>
    public const int DefaultMetricsPort = 9651;

    public const string DefaultRunDirectory = "/run/tcplb";

    public required string ConfigPath { get; init; }

    /// <summary>Holds admin.sock, tcplb.pid and tcplb.lock.</summary>
    public string RunDirectory { get; init; } = DefaultRunDirectory;

    /// <summary>Where GET /metrics is served; null = not served.</summary>
    public IPEndPoint? MetricsEndpoint { get; init; } = new(IPAddress.Loopback, DefaultMetricsPort);

    /// <summary>On stop, established connections get this long to finish before they are closed.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Event-loop threads; null = one per core.</summary>
    public int? Loops { get; init; }

    /// <summary>
    /// Creates the active health checks of one configuration's backends (one per start or reload), before the backends are
    /// built; throws <see cref="InvalidOperationException"/> when they cannot run (a CA file that cannot be read).
    /// </summary>
    public Func<IReadOnlyList<BackendOptions>, ILoggerFactory, IHealthChecks> HealthChecks { get; init; }
        = static (backends, loggers) => new HealthCheckService(backends, TimeProvider.System, loggers);
}
