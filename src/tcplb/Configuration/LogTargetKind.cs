namespace HaKube.Tcplb.Configuration;

/// <summary>Where a log target sends its lines.</summary>
internal enum LogTargetKind
{
    /// <summary>tcplb's standard output (HAProxy's <c>stdout</c>, <c>fd@1</c>).</summary>
    Stdout,

    /// <summary>Standard error (<c>stderr</c>, <c>fd@2</c>).</summary>
    Stderr,

    /// <summary>A unix datagram socket: /dev/log or any path (<c>unix@PATH</c>).</summary>
    UnixSocket,

    /// <summary>Syslog over UDP: <c>[udp@|udp4@|udp6@|ipv4@|ipv6@]host[:port]</c>, port 514 by default.</summary>
    Udp,
}
