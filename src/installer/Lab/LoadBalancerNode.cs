using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>lb1 or lb2 while the lab runs: its host, the balancer and VRRP daemon now running there, and whether its link is cut.</summary>
internal sealed class LoadBalancerNode(LabNode node, LabHost host)
{
    public LabNode Node { get; } = node;

    public LabHost Host { get; } = host;

    public string Name => Node.Name;

    public LabProcess? Balancer { get; set; }

    public LabProcess? Vrrp { get; set; }

    /// <summary>True while a node fault has its eth0 unplugged from the bridge.</summary>
    public bool LinkCut { get; set; }
}
