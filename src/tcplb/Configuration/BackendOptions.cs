using System.Collections.Immutable;

namespace HaKube.Tcplb.Configuration;

/// <summary>A set of servers and how connections are spread over them (HAProxy's <c>backend</c>; a YARP cluster in the native format).</summary>
internal sealed record BackendOptions
{
    public required string Name { get; init; }

    public BalanceAlgorithm Balance { get; init; } = BalanceAlgorithm.RoundRobin;

    /// <summary>For <see cref="BalanceAlgorithm.Random"/>: how many servers are drawn (HAProxy's <c>random(N)</c>, default 2).</summary>
    public int RandomDraws { get; init; } = 2;

    /// <summary>When no active server is usable: use every usable backup server, not only the first (HAProxy <c>option allbackups</c>).</summary>
    public bool AllBackups { get; init; }

    /// <summary>In declaration order; the order matters to round-robin and to "the first backup".</summary>
    public ImmutableArray<ServerOptions> Servers { get; init; } = [];

    /// <summary>Request and accepted statuses of HTTP(S) checks; null when the backend has no <c>option httpchk</c>.</summary>
    public HttpCheckOptions? HttpCheck { get; init; }

    public RetryOptions Retry { get; init; } = new();

    /// <summary>Where its servers' events (up, down, operator changes) go: its own <c>log</c> targets and, with <c>log global</c>, the global ones. They go to the journal (stdout) in any case.</summary>
    public ImmutableArray<LogTargetOptions> LogTargets { get; init; } = [];

    /// <summary>The tag and host name of its lines (its <c>log-tag</c>, else the global one; the global <c>log-send-hostname</c>).</summary>
    public LogHeader LogHeader { get; init; } = LogHeader.Default;

    /// <summary><c>no log</c> and no target after it: its events go to the journal only.</summary>
    public bool LogDisabled { get; init; }

    public BackendTimeouts Timeouts { get; init; } = new();

    public ConfigSource Source { get; init; } = ConfigSource.None;
}
