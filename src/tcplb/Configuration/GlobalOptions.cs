using System.Collections.Immutable;

namespace HaKube.Tcplb.Configuration;

/// <summary>Process-wide settings (HAProxy's <c>global</c> section).</summary>
internal sealed record GlobalOptions
{
    /// <summary>Most concurrent client connections the process accepts; null = derived from the open-files limit, as HAProxy does.</summary>
    public int? MaxConn { get; init; }

    /// <summary>Log targets (HAProxy allows two); empty = tcplb logs to its default sink (the journal) at Info.</summary>
    public ImmutableArray<LogTargetOptions> Logs { get; init; } = [];

    /// <summary>The most verbose level logged; what the daemon's logger filters on (from haproxy.cfg: the most verbose of the log targets).</summary>
    public SyslogLevel LogLevel { get; init; } = SyslogLevel.Info;

    /// <summary>The tag and host name of the global targets' lines (<c>log-tag</c>, <c>log-send-hostname</c>).</summary>
    public LogHeader LogHeader { get; init; } = LogHeader.Default;

    /// <summary>Where to write the pid file, honoured when writable; null = the run directory's default.</summary>
    public string? PidFile { get; init; }

    /// <summary>HAProxy's <c>user</c>: accepted, not applied (the systemd unit sets the user).</summary>
    public string? User { get; init; }

    /// <summary>HAProxy's <c>group</c>: accepted, not applied (the systemd unit sets the group).</summary>
    public string? Group { get; init; }

    public ConfigSource Source { get; init; } = ConfigSource.None;
}
