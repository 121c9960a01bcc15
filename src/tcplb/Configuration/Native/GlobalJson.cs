namespace HaKube.Tcplb.Configuration.Native;

internal sealed class GlobalJson
{
    public int? MaxConn { get; init; }
    public string? LogLevel { get; init; }
    public string? PidFile { get; init; }
}
