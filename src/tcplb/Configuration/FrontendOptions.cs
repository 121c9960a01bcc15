using System.Collections.Immutable;

namespace HaKube.Tcplb.Configuration;

/// <summary>A set of listening addresses whose connections go to one backend (HAProxy's <c>frontend</c>, or the front half of a <c>listen</c>).</summary>
internal sealed record FrontendOptions
{
    public required string Name { get; init; }

    public ImmutableArray<BindOptions> Binds { get; init; } = [];

    /// <summary>Most concurrent connections on this frontend; null = the global limit (HAProxy's default).</summary>
    public int? MaxConn { get; init; }

    /// <summary>The backend every connection goes to; null = none (connections are closed at once).</summary>
    public string? DefaultBackend { get; init; }

    public FrontendTimeouts Timeouts { get; init; } = new();

    /// <summary>Log one line per closed connection in HAProxy's tcplog layout (<c>option tcplog</c>; <c>option httplog</c> falls back to it in TCP mode, as in HAProxy).</summary>
    public bool LogConnections { get; init; }

    /// <summary>Do not log connections that carried no data (<c>option dontlognull</c>), e.g. other balancers' TCP probes.</summary>
    public bool DontLogNull { get; init; }

    /// <summary>Where its connection lines go: its own <c>log</c> targets and, with <c>log global</c>, the global ones. Empty = the journal (stdout).</summary>
    public ImmutableArray<LogTargetOptions> LogTargets { get; init; } = [];

    /// <summary>The tag and host name of its lines (its <c>log-tag</c>, else the global one; the global <c>log-send-hostname</c>).</summary>
    public LogHeader LogHeader { get; init; } = LogHeader.Default;

    /// <summary><c>no log</c> and no target after it: nothing is sent, not even to the journal.</summary>
    public bool LogDisabled { get; init; }

    public ConfigSource Source { get; init; } = ConfigSource.None;
}
