using System.Globalization;
using System.Net;
using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>
/// The gratuitous ARPs and unsolicited NAs a real vrrpd sends, counted on a client host (issue 3 point 5): a burst of
/// garp_master_repeat (default 5) per VIP on becoming master, a second burst garp_master_delay later, none after the
/// node left Master. The schedule itself is tested on virtual time in GarpScheduleTests.
/// </summary>
public sealed class GarpTests
{
    private static readonly IPAddress Vip4 = IPAddress.Parse("198.18.0.100");
    private static readonly IPAddress Vip4b = IPAddress.Parse("198.18.0.101");
    private static readonly IPAddress Vip6 = IPAddress.Parse("2001:2::100");

    [Fact]
    public async Task BecomingMaster_FiveGarpsAndFiveNasPerVip_ThenAsManyAfterGarpMasterDelay()
    {
        await using var lab = await Lab.CreateAsync();
        var lb1 = new VrrpdNode(await lab.AddHostAsync("lb1"));
        var client = await lab.AddHostAsync("client");
        await lb1.WriteConfigAsync(string.Create(CultureInfo.InvariantCulture, $$"""
            global_defs {
              router_id lb1
              vrrp_garp_master_delay 2
            }

            {{Instance("v4", 70, Vip4 + "/24")}}
            {{Instance("v6", 71, Vip6 + "/64")}}
            """));
        var dump = await CaptureAsync(client, lb1);

        await lb1.StartDaemonAsync();

        await Wait.UntilAsync(() => Arps(dump, Vip4).Count >= 10 && Nas(dump, Vip6).Count >= 10, Bounds.Election, "two bursts of gratuitous ARPs and unsolicited NAs");
        lb1.Daemon!.Signal(15);
        await lb1.Daemon.WaitForExitAsync(Bounds.Start);
        await dump.StopAsync();
        foreach (var frames in new[] { Arps(dump, Vip4), Nas(dump, Vip6) })
        {
            // Exactly two bursts of five: nothing else (no refresh is configured, and stopping sends none).
            Assert.Equal(10, frames.Count);
            // The second burst waited garp_master_delay (2 s) after the first; each burst goes out at once (no spacing).
            Assert.InRange(frames[5] - frames[4], 1.5, 10);
            Assert.InRange(frames[4] - frames[0], 0, 1);
            Assert.InRange(frames[9] - frames[5], 0, 1);
        }
    }

    [Fact]
    public async Task LeavingMasterBeforeGarpMasterDelay_CancelsTheSecondBurst()
    {
        // Instance va (default delay 5 s) faults through its weight-0 track_file right after its first burst; vb
        // (delay 8 s) stays master, so its second burst shows the time when va's would have been sent has passed.
        await using var lab = await Lab.CreateAsync();
        var lb1 = new VrrpdNode(await lab.AddHostAsync("lb1", new HostOptions { IPv6 = false }));
        var client = await lab.AddHostAsync("client", new HostOptions { IPv6 = false });
        var health = Path.Combine(lb1.Host.DataDirectory, "va-health");
        await File.WriteAllTextAsync(health, "0\n");
        await lb1.WriteConfigAsync(string.Create(CultureInfo.InvariantCulture, $$"""
            global_defs {
              router_id lb1
            }

            vrrp_track_file va_health {
              file "{{health}}"
              weight 0
            }

            {{Instance("va", 72, Vip4 + "/24", "  track_file {\n    va_health\n  }\n")}}
            {{Instance("vb", 73, Vip4b + "/24", "  garp_master_delay 8\n")}}
            """));
        var dump = await CaptureAsync(client, lb1);

        await lb1.StartDaemonAsync();
        await Wait.UntilAsync(() => Arps(dump, Vip4).Count >= 5, Bounds.Election, "va's first burst");
        await File.WriteAllTextAsync(health, "1\n");
        await Wait.UntilAsync(async _ => (await lb1.StatusAsync()).Instances.Single(i => i.Name == "va").State == "Fault", Bounds.Immediate, "va in fault");

        await Wait.UntilAsync(() => Arps(dump, Vip4b).Count >= 10, Bounds.Election, "vb's second burst");
        await dump.StopAsync();

        Assert.Equal(5, Arps(dump, Vip4).Count);
        Assert.InRange(Arps(dump, Vip4b)[5] - Arps(dump, Vip4)[0], 5, 30);
    }

    private static string Instance(string name, int vrid, string vip, string extra = "") => string.Create(CultureInfo.InvariantCulture, $$"""
        vrrp_instance {{name}} {
          state MASTER
          interface eth0
          virtual_router_id {{vrid}}
          priority 100
          advert_int 1
          virtual_ipaddress {
            {{vip}}
          }
        {{extra}}}

        """);

    /// <summary>Records, on the client, every ARP and neighbour advertisement the node sends (epoch timestamps).</summary>
    private static async Task<LabProcess> CaptureAsync(LabHost client, VrrpdNode node)
    {
        var dump = client.Start(["tcpdump", "-i", "eth0", "-n", "-l", "-tt", "-Z", "root", $"ether src {node.Host.Mac} and (arp or (icmp6 and ip6[40] == 136))"]);
        await dump.WaitForOutputAsync(l => l.Contains("listening on", StringComparison.Ordinal), Bounds.Start);
        return dump;
    }

    /// <summary>The times of the gratuitous ARPs for <paramref name="vip"/> (a request for itself, from itself).</summary>
    private static List<double> Arps(LabProcess dump, IPAddress vip) => CaptureStamps.Of(dump, $"Request who-has {vip} (ff:ff:ff:ff:ff:ff) tell {vip},");

    private static List<double> Nas(LabProcess dump, IPAddress vip) => CaptureStamps.Of(dump, $"neighbor advertisement, tgt is {vip},");
}
