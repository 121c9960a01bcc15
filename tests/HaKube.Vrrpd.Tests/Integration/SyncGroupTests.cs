using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>vrrp_sync_group with the real vrrpd on two nodes: the group's two VIPs always move together.</summary>
[SupportedOSPlatform("linux")]
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
            await node.WriteConfigAsync(Config(node, peer, node == pair.Lb1 ? 110 : 100, vbTracking: "track_script {\n    chk_balancer\n  }"));
        }

        await pair.StartAsync();
        await WaitForAllOnAsync(pair, pair.Lb1);

        // Only vb tracks the balancer (weight 0: fault when it is gone); va follows through the group.
        await pair.Lb1.Balancer!.KillAsync();

        await WaitForAllOnAsync(pair, pair.Lb2);
        var status = await pair.Lb1.StatusAsync();
        Assert.All(status.Instances, i => Assert.Equal("Fault", i.State));
        Assert.Contains(status.Instances.Single(i => i.Name == "va").FaultReasons, r => r.Contains("sync group member in fault: vb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PriorityDropOnOneMemberOfTheMaster_MovesBothVipsTogether_AndBack_WithGroupNotifies()
    {
        await using var pair = await GuidePair.CreateAsync();
        foreach (var node in pair.Nodes)
        {
            await File.WriteAllTextAsync(HealthFile(node), "0\n");
            await File.WriteAllTextAsync(NotifyScript(node), $"#!/bin/sh\necho \"$*\" >> {NotifyLog(node)}\n");
            File.SetUnixFileMode(NotifyScript(node), (UnixFileMode)0b111_101_101);
            // A member's weighted track_file counts in a sync group only with sync_group_tracking_weight (Keepalived 2.2.7's rule).
            await node.WriteConfigAsync(Config(node, pair.Other(node), node == pair.Lb1 ? 110 : 100, vaTracking: "track_file {\n    va_health\n  }",
                groupTracking: "sync_group_tracking_weight"));
        }

        await pair.StartAsync();
        await WaitForAllOnAsync(pair, pair.Lb1);
        await Wait.UntilAsync(() => GroupNotifies(pair.Lb1).LastOrDefault() == "GROUP lbs MASTER 0", Bounds.Election, "lb1's group notify MASTER");

        // lb1's va loses 20 (90 < lb2's 100); lb1 still has 110 for vb, but the group moves as one.
        await File.WriteAllTextAsync(HealthFile(pair.Lb1), "1\n");

        await WaitForAllOnAsync(pair, pair.Lb2);
        await AssertStaysOnAsync(pair, pair.Lb2);
        var lb1 = await pair.Lb1.StatusAsync();
        Assert.All(lb1.Instances, i => Assert.Equal(("Backup", 90), (i.State, i.EffectivePriority)));
        Assert.All((await pair.Lb2.StatusAsync()).Instances, i => Assert.Equal("Master", i.State));
        await Wait.UntilAsync(() => GroupNotifies(pair.Lb2).LastOrDefault() == "GROUP lbs MASTER 0", Bounds.Immediate, "lb2's group notify MASTER");
        await Wait.UntilAsync(() => GroupNotifies(pair.Lb1).LastOrDefault() == "GROUP lbs BACKUP 0", Bounds.Immediate, "lb1's group notify BACKUP");

        // Healthy again: 110 preempts both back.
        await File.WriteAllTextAsync(HealthFile(pair.Lb1), "0\n");
        await WaitForAllOnAsync(pair, pair.Lb1);
        await AssertStaysOnAsync(pair, pair.Lb1);
    }

    [Fact]
    public async Task GroupTrackFile_FaultsBothMembers_BothVipsMoveToThePeer_AndBack()
    {
        await using var pair = await GuidePair.CreateAsync();
        foreach (var node in pair.Nodes)
        {
            await File.WriteAllTextAsync(GroupHealthFile(node), "0\n");
            await node.WriteConfigAsync(Config(node, pair.Other(node), node == pair.Lb1 ? 110 : 100, groupTracking: "track_file {\n    group_health\n  }"));
        }

        var check = await pair.Lb1.CliAsync("--check", "-f", pair.Lb1.ConfigPath);
        Assert.True(check.ExitCode == 0, check.StandardError);
        // The group's tracker counts as used; only the fixture's other definitions, tracked by nobody here, are warned about.
        Assert.Contains("OK (keepalived.conf, 2 instance(s), 2 warning(s))", check.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("track script 'chk_balancer' is not used", check.StandardError, StringComparison.Ordinal);
        Assert.Contains("file tracker 'va_health' is not used", check.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("group_health", check.StandardError, StringComparison.Ordinal);

        await pair.StartAsync();
        await WaitForAllOnAsync(pair, pair.Lb1);

        // Neither member lists group_health; the group does (weight 0: a fault while the file is not 0).
        await File.WriteAllTextAsync(GroupHealthFile(pair.Lb1), "1\n");

        await WaitForAllOnAsync(pair, pair.Lb2);
        var status = await pair.Lb1.StatusAsync();
        Assert.All(status.Instances, i => Assert.Equal("Fault", i.State));
        Assert.All(status.Instances, i => Assert.Contains("group_health", i.FaultReasons));

        await File.WriteAllTextAsync(GroupHealthFile(pair.Lb1), "0\n");
        await WaitForAllOnAsync(pair, pair.Lb1);
        await AssertStaysOnAsync(pair, pair.Lb1);
    }

    /// <summary>Both VIPs on <paramref name="holder"/>, none on the other node.</summary>
    private static Task WaitForAllOnAsync(GuidePair pair, VrrpdNode holder) =>
        Wait.UntilAsync(_ => AllOnAsync(pair, holder), Bounds.Election, $"both VIPs on {holder.Name} only");

    private static async Task<bool> AllOnAsync(GuidePair pair, VrrpdNode holder)
    {
        var other = pair.Other(holder);
        return await holder.HoldsAsync(VipA) && await holder.HoldsAsync(VipB) && !await other.HoldsAsync(VipA) && !await other.HoldsAsync(VipB);
    }

    /// <summary>No split afterwards: sampled over three advert intervals.</summary>
    private static async Task AssertStaysOnAsync(GuidePair pair, VrrpdNode holder)
    {
        for (var i = 0; i < 12; i++)
        {
            Assert.True(await AllOnAsync(pair, holder), $"both VIPs should stay on {holder.Name}");
            await Task.Delay(250);
        }
    }

    private static string HealthFile(VrrpdNode node) => Path.Combine(node.Host.DataDirectory, "va-health");

    private static string GroupHealthFile(VrrpdNode node) => Path.Combine(node.Host.DataDirectory, "group-health");

    private static string NotifyScript(VrrpdNode node) => Path.Combine(node.Host.DataDirectory, "group-notify.sh");

    private static string NotifyLog(VrrpdNode node) => Path.Combine(node.Host.DataDirectory, "group-notify.log");

    private static string[] GroupNotifies(VrrpdNode node) => File.Exists(NotifyLog(node)) ? File.ReadAllLines(NotifyLog(node)) : [];

    private static string Config(VrrpdNode self, VrrpdNode peer, int priority, string vaTracking = "", string vbTracking = "", string groupTracking = "") => string.Create(CultureInfo.InvariantCulture, $$"""
        vrrp_script chk_balancer {
          script "{{self.TrackScriptLine}}"
          interval 1
          weight 0
        }

        track_file va_health {
          file "{{HealthFile(self)}}"
          weight -20
        }

        track_file group_health {
          file "{{GroupHealthFile(self)}}"
          weight 0
        }

        vrrp_sync_group lbs {
          group {
            va
            vb
          }
          notify "{{NotifyScript(self)}}"
          {{groupTracking}}
        }

        {{Instance("va", 60, VipA, vaTracking, self, peer, priority)}}

        {{Instance("vb", 61, VipB, vbTracking, self, peer, priority)}}

        """);

    /// <summary>One member of the group, as the guide writes an instance (unicast to the peer, BACKUP at <paramref name="priority"/>).</summary>
    private static string Instance(string name, int vrid, IPAddress vip, string tracking, VrrpdNode self, VrrpdNode peer, int priority) => string.Create(CultureInfo.InvariantCulture, $$"""
        vrrp_instance {{name}} {
          state BACKUP
          interface eth0
          virtual_router_id {{vrid}}
          priority {{priority}}
          advert_int 1
          unicast_src_ip {{self.Host.Address}}
          unicast_peer {
            {{peer.Host.Address}}
          }
          virtual_ipaddress {
            {{vip}}/24
          }
          {{tracking}}
        }
        """);
}
