namespace HaKube.Tcplb.Configuration;

/// <summary>
/// One <c>log</c> target of the global section: where connection and event logs go, in which format, and the most verbose
/// level sent (HAProxy's "max level"; Debug when not given, as in HAProxy).
/// </summary>
internal sealed record LogTargetOptions
{
    /// <summary>"stdout", "stderr", a unix socket path ("/dev/log") or "host:port" of a syslog server, as written.</summary>
    public required string Target { get; init; }

    /// <summary>HAProxy's <c>format</c> (rfc3164 by default, "raw", "rfc5424", "short", ...).</summary>
    public string Format { get; init; } = "rfc3164";

    /// <summary>Syslog facility name ("local0").</summary>
    public string Facility { get; init; } = "local0";

    /// <summary>Messages more verbose than this are not sent.</summary>
    public SyslogLevel MaxLevel { get; init; } = SyslogLevel.Debug;

    /// <summary>Messages more severe than this are sent at this level (HAProxy's "min level"); null = unchanged.</summary>
    public SyslogLevel? MinLevel { get; init; }
}
