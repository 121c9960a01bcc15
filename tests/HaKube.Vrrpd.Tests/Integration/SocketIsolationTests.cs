using System.Net;
using HaKube.NetLab;
using HaKube.Vrrpd.Daemon.Admin;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>What an instance's raw socket takes in: only the groups it joined (IP_MULTICAST_ALL off).</summary>
public sealed class SocketIsolationTests
{
    private static readonly IPAddress UnicastVip = IPAddress.Parse("198.18.0.100");

    /// <summary>
    /// A unicast instance (VRID 51) beside a multicast one (VRID 52) on one interface, and another router sending
    /// multicast VRID 51 at priority 200 on the segment. The multicast instance joined 224.0.0.18 for the whole host;
    /// Linux would hand those adverts to every raw VRRP socket of the host, and the unicast instance, hearing a higher
    /// priority on its VRID, would give up its VIP to a router that is not its peer.
    /// </summary>
    [Fact]
    public async Task UnicastInstance_DoesNotHearTheGroupAnotherInstanceJoined()
    {
        await using var lab = await Lab.CreateAsync();
        var a = new VrrpdNode(await lab.AddHostAsync("a", new HostOptions { IPv6 = false }));
        var other = new VrrpdNode(await lab.AddHostAsync("other", new HostOptions { IPv6 = false }));
        await a.WriteConfigAsync($$"""
            vrrp_instance unicast {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority 100
                advert_int 1
                unicast_src_ip {{a.Host.Address}}
                unicast_peer {
                    198.18.0.250
                }
                virtual_ipaddress {
                    {{UnicastVip}}/24
                }
            }
            vrrp_instance multicast {
                state BACKUP
                interface eth0
                virtual_router_id 52
                priority 100
                advert_int 1
                virtual_ipaddress {
                    198.18.0.101/24
                }
            }
            """);
        await other.WriteConfigAsync("""
            vrrp_instance loud {
                state MASTER
                interface eth0
                virtual_router_id 51
                priority 200
                advert_int 1
                virtual_ipaddress {
                    198.18.0.102/24
                }
            }
            """);
        await a.StartDaemonAsync();
        await Wait.UntilAsync(async _ => await a.HoldsAsync(UnicastVip), Bounds.Election, "the unicast instance to take its VIP (its peer is absent)");

        await other.StartDaemonAsync();
        // The multicast instance of the same host sees the loud router's VRID 51 adverts (and drops them as another
        // VRID), which proves they reach the host while the unicast instance is tested.
        await Wait.UntilAsync(
            async _ => Instance(await a.StatusAsync(), "multicast").Drops.GetValueOrDefault("OtherVirtualRouter") >= 3,
            Bounds.Election,
            "three of the loud router's VRID 51 adverts at the multicast instance");

        var unicast = Instance(await a.StatusAsync(), "unicast");
        Assert.Equal("Master", unicast.State);
        Assert.Equal(0, unicast.AdvertsReceived);
        Assert.Empty(unicast.Drops);
        Assert.True(await a.HoldsAsync(UnicastVip));
    }

    private static InstanceStatus Instance(DaemonStatus status, string name) => status.Instances.Single(i => i.Name == name);
}
