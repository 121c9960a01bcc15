namespace HaKube.Tcplb.Configuration.Native;

/// <summary>YARP's ReverseProxy section; tcplb reads its Clusters (routes are HTTP and mean nothing here).</summary>
internal sealed class ReverseProxyJson
{
    public Dictionary<string, ClusterJson>? Clusters { get; init; }
}
