namespace HaKube.Tcplb.Runtime;

/// <summary>What <c>tcplb status</c> shows: the process, its frontends and backends.</summary>
internal sealed record StatusReport
{
    public required int Pid { get; init; }

    public required string ConfigFile { get; init; }

    public required string Format { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? ReloadedAt { get; init; }

    public required bool Listening { get; init; }

    public required int ActiveConnections { get; init; }

    /// <summary>The process-wide maxconn in force (global maxconn or derived from the open-files limit); 0 = none.</summary>
    public int MaxConn { get; init; }

    public required IReadOnlyList<FrontendStatus> Frontends { get; init; }

    public required IReadOnlyList<BackendStatus> Backends { get; init; }

    /// <summary>The log destinations in use and what became of their lines.</summary>
    public IReadOnlyList<LogTargetStatus> Logs { get; init; } = [];

    /// <summary>Log lines dropped in all: the log queue or a destination's buffer was full (tcplb_log_dropped_total).</summary>
    public long LogDropped { get; init; }

    /// <summary>Log lines lost in all to unreachable destinations (tcplb_log_send_failures_total).</summary>
    public long LogFailed { get; init; }

    /// <summary>The process's resident and managed memory; null from a balancer that does not report it.</summary>
    public MemoryStatus? Memory { get; init; }
}
