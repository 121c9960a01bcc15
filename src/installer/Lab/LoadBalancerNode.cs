using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>lb1 or lb2 while the lab runs: its host, and the balancer and VRRP daemon now running there.</summary>
internal sealed class LoadBalancerNode(LabNode node, LabHost host)
{
    public LabNode Node { get; } = node;

    public LabHost Host { get; } = host;

    public string Name => Node.Name;

    public LabProcess? Balancer { get; set; }

    public LabProcess? Vrrp { get; set; }
}
