namespace HaKube.Tcplb.Configuration.Native;

/// <summary>Per-server settings: a cluster's DefaultServer, and each destination's Tcplb section on top of it.</summary>
internal sealed class ServerSettingsJson
{
    public int? Weight { get; init; }
    public int? MaxConn { get; init; }
    public int? MaxQueue { get; init; }
    public bool? Backup { get; init; }
    public bool? Disabled { get; init; }
    public bool? Check { get; init; }
    public string? SlowStart { get; init; }
    public string? SessionCloseGrace { get; init; }
}
