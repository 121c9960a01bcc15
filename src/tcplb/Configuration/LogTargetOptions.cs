using System.Net.Sockets;

namespace HaKube.Tcplb.Configuration;

/// <summary>
/// One <c>log</c> target (HAProxy's "log &lt;target&gt; [len N] [format F] [sample R:S] &lt;facility&gt; [max level [min level]]"):
/// where lines go, how they are framed, and which levels are sent.
/// </summary>
internal sealed record LogTargetOptions
{
    /// <summary>HAProxy's default and tcplb's most: a longer line is cut, its end-of-line kept.</summary>
    public const int DefaultMaxLength = 1024;

    public const int DefaultUdpPort = 514;

    /// <summary>The target as written ("/dev/log", "udp@10.0.0.1:514", "stdout").</summary>
    public required string Target { get; init; }

    public required LogTargetKind Kind { get; init; }

    /// <summary>The socket path of a <see cref="LogTargetKind.UnixSocket"/> target.</summary>
    public string? Path { get; init; }

    /// <summary>The IP address or host name of a <see cref="LogTargetKind.Udp"/> target (resolved when first used).</summary>
    public string? Host { get; init; }

    public int Port { get; init; } = DefaultUdpPort;

    /// <summary>udp4@/ipv4@ or udp6@/ipv6@: the family a host name must resolve to; Unspecified = any.</summary>
    public AddressFamily Family { get; init; } = AddressFamily.Unspecified;

    public SyslogFormat Format { get; init; } = SyslogFormat.Rfc3164;

    /// <summary>The line named its format (<c>format rfc3164</c> differs from no format at all in HAProxy: see <see cref="LogHeader"/>).</summary>
    public bool FormatWritten { get; init; }

    /// <summary>Only some lines are sent (<c>sample RANGES:SIZE</c>); null = every line.</summary>
    public LogSample? Sample { get; init; }

    public SyslogFacility Facility { get; init; } = SyslogFacility.Local0;

    /// <summary>Messages more verbose than this are not sent (HAProxy's "max level"; debug when not given).</summary>
    public SyslogLevel MaxLevel { get; init; } = SyslogLevel.Debug;

    /// <summary>Messages more severe than this are sent at this level (HAProxy's "min level"); null = unchanged.</summary>
    public SyslogLevel? MinLevel { get; init; }

    /// <summary>Longest line sent, end-of-line included (HAProxy's <c>len</c>).</summary>
    public int MaxLength { get; init; } = DefaultMaxLength;

    /// <summary>Stdout or stderr: tcplb's own events already reach them through the journal console, so only connection lines are sent there.</summary>
    public bool IsStream => Kind is LogTargetKind.Stdout or LogTargetKind.Stderr;

    public override string ToString() => Target;
}
