using System.Globalization;
using System.Net;
using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>vrrp_sync_group: a member's fault takes the whole group to fault, so both VIPs move together.</summary>
public sealed class SyncGroupTests
{
    private static readonly IPAddress VipA = IPAddress.Parse("198.18.0.100");
    private static readonly IPAddress VipB = IPAddress.Parse("198.18.0.101");

    [Fact]
    public async Task MemberFault_FaultsTheGroup_BothVipsMoveToThePeer()
    {
        await using var pair = await GuidePair.CreateAsync();
        foreach (var node in pair.Nodes)
        {
            var peer = pair.Other(node);
            await node.WriteConfigAsync(Config(node, peer, node == pair.Lb1 ? 110 : 100));
        }

        await pair.StartAsync();
        await Wait.UntilAsync(async _ => await pair.Lb1.HoldsAsync(VipA) && await pair.Lb1.HoldsAsync(VipB), Bounds.Election, "lb1 holding both VIPs");

        // Only vb tracks the balancer (weight 0: fault when it is gone); va follows through the group.
        await pair.Lb1.Balancer!.KillAsync();

        await Wait.UntilAsync(
            async _ => await pair.Lb2.HoldsAsync(VipA) && await pair.Lb2.HoldsAsync(VipB) && !await pair.Lb1.HoldsAsync(VipA) && !await pair.Lb1.HoldsAsync(VipB),
            Bounds.Election,
            "both VIPs on lb2 only");
        var status = await pair.Lb1.StatusAsync();
        Assert.All(status.Instances, i => Assert.Equal("Fault", i.State));
        Assert.Contains(status.Instances.Single(i => i.Name == "va").FaultReasons, r => r.Contains("sync group member in fault: vb", StringComparison.Ordinal));
    }

    private static string Config(VrrpdNode self, VrrpdNode peer, int priority) => string.Create(CultureInfo.InvariantCulture, $$"""
        vrrp_script chk_balancer {
          script "{{self.TrackScriptLine}}"
          interval 1
          weight 0
        }

        vrrp_sync_group lbs {
          group {
            va
            vb
          }
        }

        vrrp_instance va {
          state BACKUP
          interface eth0
          virtual_router_id 60
          priority {{priority}}
          advert_int 1
          unicast_src_ip {{self.Host.Address}}
          unicast_peer {
            {{peer.Host.Address}}
          }
          virtual_ipaddress {
            {{VipA}}/24
          }
        }

        vrrp_instance vb {
          state BACKUP
          interface eth0
          virtual_router_id 61
          priority {{priority}}
          advert_int 1
          unicast_src_ip {{self.Host.Address}}
          unicast_peer {
            {{peer.Host.Address}}
          }
          virtual_ipaddress {
            {{VipB}}/24
          }
          track_script {
            chk_balancer
          }
        }

        """);
}
