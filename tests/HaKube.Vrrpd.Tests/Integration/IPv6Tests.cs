using System.Globalization;
using System.Net;
using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>
/// VRRPv3 over IPv6 end to end (RFC 5798): two real vrrpd nodes and a client host, an IPv6 VIP from 2001:2::/48,
/// adverts from the link-local address, to ff02::12 or to unicast peers.
/// </summary>
public sealed class IPv6Tests
{
    private static readonly IPAddress Vip = IPAddress.Parse("2001:2::100");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task V3IPv6_OneHoldsTheVip_SigtermMovesIt_AndTheClientsNeighbourEntryFollowsUnsolicited(bool unicast)
    {
        await using var lab = await Lab.CreateAsync();
        var lb1 = new VrrpdNode(await lab.AddHostAsync("lb1"));
        var lb2 = new VrrpdNode(await lab.AddHostAsync("lb2"));
        var client = await lab.AddHostAsync("client");
        await lb1.WriteConfigAsync(Config(lb1, lb2, priority: 110, unicast));
        await lb2.WriteConfigAsync(Config(lb2, lb1, priority: 100, unicast));
        await Task.WhenAll(lb1.StartDaemonAsync(), lb2.StartDaemonAsync());

        // Exactly one holds the VIP: lb1, by priority.
        await Wait.UntilAsync(async _ => await lb1.HoldsAsync(Vip) && !await lb2.HoldsAsync(Vip) && await lb1.StateAsync() == "Master" && await lb2.StateAsync() == "Backup",
            Bounds.Election, "lb1 alone master holding the IPv6 VIP");
        var master = (await lb1.StatusAsync()).Instances.Single();
        var backup = (await lb2.StatusAsync()).Instances.Single();
        Assert.Equal(3, master.Version);
        // RFC 5798 5.1.2.1: adverts come from the interface's link-local address; the backup knows the master by it.
        Assert.StartsWith("fe80:", master.SourceAddress, StringComparison.Ordinal);
        Assert.Equal(master.SourceAddress, backup.MasterAddress);
        Assert.Equal(unicast ? [lb2.Host.Address6!.ToString()] : [], master.Peers);
        // Added with IFA_F_NODAD: usable at once, never tentative.
        var address = await lb1.Host.RunCheckedAsync(["ip", "-6", "-o", "addr", "show", "dev", "eth0", "to", $"{Vip}/128"]);
        Assert.Contains("nodad", address.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("tentative", address.StandardOutput, StringComparison.Ordinal);

        // The client talks to the VIP, so its neighbour cache has lb1's MAC for it.
        await Wait.UntilAsync(async ct => (await client.RunAsync(["ping", "-6", "-c", "1", "-W", "1", Vip.ToString()], ct: ct)).Succeeded, Bounds.Election, "the client reaching the VIP");
        Assert.Equal(lb1.Host.Mac, await client.NeighbourMacAsync(Vip));

        // From now on, any neighbour solicitation the client sends is recorded.
        var solicitations = client.Start(["tcpdump", "-i", "eth0", "-n", "-l", "-v", "icmp6 and ip6[40] == 135"]);
        await solicitations.WaitForOutputAsync(l => l.Contains("listening on", StringComparison.Ordinal), Bounds.Start);

        lb1.Daemon!.Signal(15);
        await lb1.Daemon.WaitForExitAsync(Bounds.Start);
        Assert.Equal(0, lb1.Daemon.ExitCode);
        await Wait.UntilAsync(async _ => await lb2.HoldsAsync(Vip) && !await lb1.HoldsAsync(Vip), Bounds.Immediate, "the VIP on lb2 alone after lb1's SIGTERM");

        // The unsolicited neighbour advertisements (override flag) moved the client's entry: it asked nobody.
        await Wait.UntilAsync(async ct => await client.NeighbourMacAsync(Vip, ct) == lb2.Host.Mac, Bounds.Immediate, "the client's neighbour entry for the VIP to show lb2's MAC");
        var entry = (await client.RunCheckedAsync(["ip", "-6", "neigh", "show", "to", Vip.ToString(), "dev", "eth0"])).StandardOutput;
        Assert.Contains("STALE", entry, StringComparison.Ordinal); // updated by an unsolicited NA; a solicited one would leave REACHABLE
        await solicitations.StopAsync();
        Assert.DoesNotContain($"who has {Vip}", solicitations.OutputText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V3IPv6UnicastToLinkLocalPeers_OneHoldsTheVip_SigtermMovesIt()
    {
        // Keepalived accepts unicast_src_ip and unicast_peer in fe80::/10; their scope is the instance's interface.
        // check_unicast_src: an advert counts only if its source is a listed peer, so receiving matches link-local sources.
        await using var lab = await Lab.CreateAsync();
        var lb1 = new VrrpdNode(await lab.AddHostAsync("lb1"));
        var lb2 = new VrrpdNode(await lab.AddHostAsync("lb2"));
        var linkLocal1 = await LinkLocalAsync(lb1.Host);
        var linkLocal2 = await LinkLocalAsync(lb2.Host);
        await lb1.WriteConfigAsync(LinkLocalConfig(lb1, linkLocal1, linkLocal2, priority: 110));
        await lb2.WriteConfigAsync(LinkLocalConfig(lb2, linkLocal2, linkLocal1, priority: 100));
        await Task.WhenAll(lb1.StartDaemonAsync(), lb2.StartDaemonAsync());

        await Wait.UntilAsync(async _ => await lb1.HoldsAsync(LinkLocalVip) && !await lb2.HoldsAsync(LinkLocalVip) && await lb1.StateAsync() == "Master" && await lb2.StateAsync() == "Backup",
            Bounds.Election, "lb1 alone master holding the IPv6 VIP");
        var master = (await lb1.StatusAsync()).Instances.Single();
        var backup = (await lb2.StatusAsync()).Instances.Single();
        Assert.Equal(linkLocal1.ToString(), master.SourceAddress);
        Assert.Equal([linkLocal2.ToString()], master.Peers);
        Assert.Equal(linkLocal1.ToString(), backup.MasterAddress); // lb1's adverts arrive, from the peer lb2 lists
        Assert.True(backup.AdvertsReceived > 0);
        Assert.DoesNotContain(backup.Drops, d => d.Value > 0);

        // On the wire: from lb1's link-local address to lb2's, not to ff02::12.
        var adverts = lb2.Host.Start(["tcpdump", "-i", "eth0", "-n", "-l", "-c", "2", "ip6 proto 112"]);
        await adverts.WaitForOutputAsync(l => l.Contains("VRRPv3", StringComparison.Ordinal), Bounds.Election);
        await adverts.StopAsync();
        var lines = adverts.Output.Select(l => l.Text).Where(l => l.Contains("VRRPv3", StringComparison.Ordinal)).ToList();
        Assert.All(lines, l => Assert.Contains($"IP6 {linkLocal1} > {linkLocal2}: VRRPv3", l, StringComparison.Ordinal));

        lb1.Daemon!.Signal(15);
        await lb1.Daemon.WaitForExitAsync(Bounds.Start);
        Assert.Equal(0, lb1.Daemon.ExitCode);
        await Wait.UntilAsync(async _ => await lb2.HoldsAsync(LinkLocalVip) && !await lb1.HoldsAsync(LinkLocalVip), Bounds.Immediate, "the VIP on lb2 alone after lb1's SIGTERM");
        Assert.Equal("Master", await lb2.StateAsync());
    }

    private static readonly IPAddress LinkLocalVip = IPAddress.Parse("2001:2::200");

    /// <summary>The host's fe80:: address on eth0, once duplicate address detection is done with it.</summary>
    private static async Task<IPAddress> LinkLocalAsync(LabHost host)
    {
        IPAddress? found = null;
        await Wait.UntilAsync(async ct =>
        {
            var words = (await host.RunCheckedAsync(["ip", "-6", "-o", "addr", "show", "dev", "eth0", "scope", "link"], ct: ct)).StandardOutput
                .Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var at = Array.IndexOf(words, "inet6");
            if (at < 0 || words.Contains("tentative"))
            {
                return false;
            }

            found = IPAddress.Parse(words[at + 1].Split('/')[0]);
            return true;
        }, Bounds.Start, $"{host.Name}'s link-local address on eth0");
        return found!;
    }

    private static string LinkLocalConfig(VrrpdNode self, IPAddress source, IPAddress peer, int priority) => string.Create(CultureInfo.InvariantCulture, $$"""
        global_defs {
          router_id {{self.Name}}
        }

        vrrp_instance v6 {
          state BACKUP
          interface eth0
          virtual_router_id 63
          priority {{priority}}
          advert_int 1
          unicast_src_ip {{source}}
          check_unicast_src
          unicast_peer {
            {{peer}}
          }
          virtual_ipaddress {
            {{LinkLocalVip}}/64
          }
        }

        """);

    private static string Config(VrrpdNode self, VrrpdNode peer, int priority, bool unicast) => string.Create(CultureInfo.InvariantCulture, $$"""
        global_defs {
          router_id {{self.Name}}
        }

        vrrp_instance v6 {
          state BACKUP
          interface eth0
          virtual_router_id 62
          priority {{priority}}
          advert_int 1
        {{(unicast ? $"  unicast_peer {{\n    {peer.Host.Address6}\n  }}\n" : "")}}
          virtual_ipaddress {
            {{Vip}}/64
          }
        }

        """);
}
