namespace HaKube.Tcplb.Configuration.Native;

internal sealed class GlobalJson
{
    public int? MaxConn { get; init; }
    public string? LogLevel { get; init; }

    /// <summary>Log targets in HAProxy's syntax, one string each: "/dev/log local0 warning".</summary>
    public List<string>? Logs { get; init; }
    public string? PidFile { get; init; }

    /// <summary>The program name in each log line (HAProxy's log-tag); "tcplb" when absent.</summary>
    public string? LogTag { get; init; }

    /// <summary>A host name for each log line's header (HAProxy's log-send-hostname); "" = this machine's name; absent = none.</summary>
    public string? LogSendHostname { get; init; }
}
