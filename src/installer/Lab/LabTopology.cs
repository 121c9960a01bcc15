using System.Net;

namespace HaKube.Installer.Lab;

/// <summary>
/// The reference guide's topology with its 172.16.0.x addresses moved to the benchmarking range 198.18.0.0/15
/// (RFC 2544): lb1 .2, lb2 .3, master1..3 .4-.6, the VIP .10, and a client at .20 where the guide's workers are.
/// </summary>
internal static class LabTopology
{
    /// <summary>The virtual IP the guide calls 172.16.0.10.</summary>
    public static IPAddress Vip { get; } = IPAddress.Parse("198.18.0.10");

    /// <summary>The prefix length of the lab network and of the VIP (the guide's /24).</summary>
    public const int PrefixLength = 24;

    /// <summary>The apiserver port the balancers listen on and the masters serve.</summary>
    public const int ApiServerPort = 6443;

    /// <summary>The guide's virtual_router_id.</summary>
    public const int VirtualRouterId = 60;

    /// <summary>The interface name the guide's keepalived.conf uses, and every lab host has.</summary>
    public const string Interface = "eth0";

    /// <summary>Every host, in the order they are created.</summary>
    public static IReadOnlyList<LabNode> Nodes { get; } =
    [
        new("lb1", LabRole.LoadBalancer, IPAddress.Parse("198.18.0.2")),
        new("lb2", LabRole.LoadBalancer, IPAddress.Parse("198.18.0.3")),
        new("master1", LabRole.Master, IPAddress.Parse("198.18.0.4")),
        new("master2", LabRole.Master, IPAddress.Parse("198.18.0.5")),
        new("master3", LabRole.Master, IPAddress.Parse("198.18.0.6")),
        new("client", LabRole.Client, IPAddress.Parse("198.18.0.20")),
    ];

    /// <summary>lb1 and lb2.</summary>
    public static IReadOnlyList<LabNode> LoadBalancers { get; } = [.. Nodes.Where(n => n.Role == LabRole.LoadBalancer)];

    /// <summary>master1..3.</summary>
    public static IReadOnlyList<LabNode> Masters { get; } = [.. Nodes.Where(n => n.Role == LabRole.Master)];

    /// <summary>The client.</summary>
    public static LabNode Client { get; } = Nodes.Single(n => n.Role == LabRole.Client);

    /// <summary>The other load balancer.</summary>
    public static LabNode PeerOf(LabNode lb) => LoadBalancers.Single(n => n != lb);
}
