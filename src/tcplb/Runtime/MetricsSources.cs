namespace HaKube.Tcplb.Runtime;

/// <summary>Where <see cref="TcplbMetrics"/> reads its values at each scrape.</summary>
internal sealed record MetricsSources
{
    public required Func<int> ActiveConnections { get; init; }

    /// <summary>The process-wide maxconn in force; 0 = none.</summary>
    public Func<int> MaxConn { get; init; } = static () => 0;

    public Func<IReadOnlyList<FrontendStatus>> Frontends { get; init; } = static () => [];

    public required Func<IReadOnlyList<BackendStatus>> Backends { get; init; }

    /// <summary>Log lines dropped because the log queue or a target's socket buffer was full.</summary>
    public Func<long> LogDropped { get; init; } = static () => 0;

    /// <summary>Log lines lost to an unreachable target (no /dev/log, no route).</summary>
    public Func<long> LogFailed { get; init; } = static () => 0;
}
