namespace HaKube.Tcplb.Configuration.Native;

/// <summary>A YARP cluster (a tcplb backend): YARP's own properties, and tcplb's in <see cref="Tcplb"/>.</summary>
internal sealed class ClusterJson
{
    public string? LoadBalancingPolicy { get; init; }
    public HealthCheckJson? HealthCheck { get; init; }
    public Dictionary<string, string>? Metadata { get; init; }
    public Dictionary<string, DestinationJson>? Destinations { get; init; }
    public ClusterTcplbJson? Tcplb { get; init; }
}
