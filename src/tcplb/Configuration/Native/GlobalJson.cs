namespace HaKube.Tcplb.Configuration.Native;

internal sealed class GlobalJson
{
    public int? MaxConn { get; init; }
    public string? LogLevel { get; init; }

    /// <summary>Log targets in HAProxy's syntax, one string each: "/dev/log local0 warning".</summary>
    public List<string>? Logs { get; init; }
    public string? PidFile { get; init; }
}
