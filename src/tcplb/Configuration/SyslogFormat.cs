namespace HaKube.Tcplb.Configuration;

/// <summary>How a log line is framed for its target (HAProxy's <c>log … format F</c>; rfc3164 by default).</summary>
internal enum SyslogFormat
{
    /// <summary>"&lt;PRI&gt;Mmm dd hh:mm:ss tcplb[pid]: text", no host name (HAProxy sends none without log-send-hostname).</summary>
    Rfc3164,

    /// <summary>rfc3164 without a host name: the same line here.</summary>
    Local,

    /// <summary>"&lt;PRI&gt;1 ISO-TIME HOST tcplb PID - - text".</summary>
    Rfc5424,

    /// <summary>"&lt;PRI&gt;text".</summary>
    Priority,

    /// <summary>"&lt;LEVEL&gt;text", what systemd's journal reads from a stream.</summary>
    Short,

    /// <summary>"&lt;LEVEL&gt;ISO-TIME text".</summary>
    Timed,

    /// <summary>"ISO-TIME text".</summary>
    Iso,

    /// <summary>The text alone (containers: the stream tells the severity).</summary>
    Raw,
}
