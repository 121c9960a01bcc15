using System.Net;
using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>
/// The guide's two load balancers in a lab: lb1 (198.18.0.1) and lb2 (198.18.0.2), both BACKUP priority 100 with a
/// weight-2 track script, unicast to each other, VRRPv2 PASS, VIP 198.18.0.100/24; optionally a client host.
/// </summary>
internal sealed class GuidePair : IAsyncDisposable
{
    public static readonly IPAddress Vip = IPAddress.Parse("198.18.0.100");

    private GuidePair(Lab lab, VrrpdNode lb1, VrrpdNode lb2, LabHost? client)
    {
        Lab = lab;
        Lb1 = lb1;
        Lb2 = lb2;
        Client = client;
    }

    public Lab Lab { get; }

    public VrrpdNode Lb1 { get; }

    public VrrpdNode Lb2 { get; }

    public LabHost? Client { get; }

    public IReadOnlyList<VrrpdNode> Nodes => [Lb1, Lb2];

    /// <summary>Builds the lab and writes both configurations; <paramref name="configure"/> adjusts each node's file.</summary>
    public static async Task<GuidePair> CreateAsync(bool withClient = false, Func<VrrpdNode, GuideConfig, GuideConfig>? configure = null, bool trackScript = true)
    {
        var lab = await Lab.CreateAsync();
        try
        {
            var lb1 = new VrrpdNode(await lab.AddHostAsync("lb1", new HostOptions { IPv6 = false }));
            var lb2 = new VrrpdNode(await lab.AddHostAsync("lb2", new HostOptions { IPv6 = false }));
            var client = withClient ? await lab.AddHostAsync("client", new HostOptions { IPv6 = false }) : null;
            foreach (var (node, peer) in new[] { (lb1, lb2), (lb2, lb1) })
            {
                await node.WriteCheckScriptAsync();
                if (trackScript)
                {
                    await node.StartBalancerAsync();
                }

                var config = new GuideConfig
                {
                    Self = node.Host.Address,
                    Peer = peer.Host.Address,
                    Vip = "198.18.0.100/24",
                    TrackScript = trackScript ? node.TrackScriptLine : null,
                };
                await node.WriteConfigAsync((configure?.Invoke(node, config) ?? config).Render());
            }

            return new GuidePair(lab, lb1, lb2, client);
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts vrrpd on both nodes at once.</summary>
    /// <summary>Starts both daemons: the build's vrrpd (or VRRPD_BINARY), or <paramref name="binary"/> when given.</summary>
    public Task StartAsync(string? binary = null) => Task.WhenAll(Lb1.StartDaemonAsync(binary: binary), Lb2.StartDaemonAsync(binary: binary));

    /// <summary>The nodes that hold the VIP now.</summary>
    public async Task<IReadOnlyList<VrrpdNode>> HoldersAsync()
    {
        var holders = new List<VrrpdNode>();
        foreach (var node in Nodes)
        {
            if (await node.HoldsAsync(Vip))
            {
                holders.Add(node);
            }
        }

        return holders;
    }

    /// <summary>Waits until exactly one node holds the VIP and says it is master while the other says backup; returns the master.</summary>
    public async Task<VrrpdNode> WaitForSingleMasterAsync(TimeSpan? bound = null, VrrpdNode? expected = null)
    {
        VrrpdNode? master = null;
        await Wait.UntilAsync(
            async _ =>
            {
                var holders = await HoldersAsync();
                if (holders.Count != 1 || (expected is not null && holders[0] != expected))
                {
                    return false;
                }

                var other = holders[0] == Lb1 ? Lb2 : Lb1;
                if (await holders[0].StateAsync() != "Master" || await other.StateAsync() != "Backup")
                {
                    return false;
                }

                master = holders[0];
                return true;
            },
            bound ?? Bounds.Election,
            expected is null ? "exactly one master holding the VIP" : $"{expected.Name} alone master holding the VIP");
        return master!;
    }

    public VrrpdNode Other(VrrpdNode node) => node == Lb1 ? Lb2 : Lb1;

    public ValueTask DisposeAsync() => Lab.DisposeAsync();
}
