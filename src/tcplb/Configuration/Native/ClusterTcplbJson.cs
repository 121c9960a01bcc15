namespace HaKube.Tcplb.Configuration.Native;

/// <summary>tcplb's settings of a cluster, beside YARP's.</summary>
internal sealed class ClusterTcplbJson
{
    public CheckJson? Check { get; init; }
    public ServerSettingsJson? DefaultServer { get; init; }
    public int? Retries { get; init; }
    public bool? Redispatch { get; init; }
    public int? RedispatchInterval { get; init; }
    public bool? AllBackups { get; init; }
    public int? RandomDraws { get; init; }
    public BackendTimeoutsJson? Timeouts { get; init; }
}
