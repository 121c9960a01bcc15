using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>VRRP between the nodes dropped by a firewall, and a link really cut (issue 3, point 10).</summary>
public sealed class PartitionTests
{
    /// <summary>
    /// VRRP dropped on input at both nodes, one way first: each node's own adverts still go out (its sends succeed), and
    /// each becomes master the way VRRP lets a node notice a partition, as a backup whose master falls silent. A master
    /// cannot notice its backup going silent, since a backup sends nothing (RFC 5798 6.4.2), so the partition is built
    /// one way at a time: lb2 stops hearing lb1 and takes over; lb1 hears lb2, which wins the equal-priority tie by
    /// its higher address (RFC 5798 6.4.3), and steps down; then lb1 stops hearing lb2 and takes over too.
    /// </summary>
    [Fact]
    public async Task VrrpDropped_BothBecomeMaster_EachSaysItsPeerWentSilent_RuleRemoved_OneMasterAgain_ThenGratuitousArp()
    {
        await using var pair = await GuidePair.CreateAsync(withClient: true);
        var (lb1, lb2, client) = (pair.Lb1, pair.Lb2, pair.Client!);
        var arps = client.Start(["tcpdump", "-Z", "root", "-i", "eth0", "-n", "-l", "-e", "arp"]);
        await arps.WaitForOutputAsync(l => l.Contains("listening on", StringComparison.Ordinal), Bounds.Start);
        // lb1 first, so it is the master the partition starts from; lb2 then hears it and stays backup (RFC 5798 6.4.2).
        await lb1.StartDaemonAsync();
        await Wait.UntilAsync(async _ => await lb1.StateAsync() == "Master", Bounds.Election, "lb1 master alone");
        await lb2.StartDaemonAsync();
        await pair.WaitForSingleMasterAsync(expected: lb1);
        // lb2 must have heard lb1 before the drop: a backup that never heard a master says "no master heard", not
        // that its peer went silent.
        await Wait.UntilAsync(async _ => (await lb2.StatusAsync()).Instances[0].MasterAddress == lb1.Host.Address.ToString(), Bounds.Election, "lb2 to hear lb1");

        await lb2.Host.DropAsync(112, direction: TrafficDirection.Inbound);

        await lb2.Daemon!.WaitForOutputAsync(l => l.Contains($"peer {lb1.Host.Address} went silent", StringComparison.Ordinal), Bounds.Election);
        await pair.WaitForSingleMasterAsync(expected: lb2);

        await lb1.Host.DropAsync(112, direction: TrafficDirection.Inbound);

        await lb1.Daemon!.WaitForOutputAsync(l => l.Contains($"peer {lb2.Host.Address} went silent", StringComparison.Ordinal), Bounds.Election);
        await Wait.UntilAsync(async _ => (await pair.HoldersAsync()).Count == 2 && await lb1.StateAsync() == "Master" && await lb2.StateAsync() == "Master",
            Bounds.Election, "both nodes master holding the VIP");
        foreach (var node in pair.Nodes)
        {
            Assert.Equal(0, (await node.StatusAsync()).Instances[0].AdvertSendFailures);
        }

        // Both bursts of lb2's gratuitous ARPs as it became master (garp_master_repeat 5, again after garp_master_delay
        // 5 s) are out, so any further one from it comes from the merge.
        var bursts = 2 * 5;
        await Wait.UntilAsync(() => GratuitousArps(arps, lb2) >= bursts, Bounds.Election, "lb2's two bursts of gratuitous ARPs");
        Assert.Equal(bursts, GratuitousArps(arps, lb2));

        await lb1.Host.ClearDropsAsync();
        await lb2.Host.ClearDropsAsync();

        // Within a few advert intervals lb2 wins the equal-priority tie by its higher address (RFC 5798 6.4.3); it hears
        // lb1's losing advert, answers at once and refreshes its gratuitous ARPs, so the segment learns it is the one.
        await pair.WaitForSingleMasterAsync(TimeSpan.FromSeconds(5), expected: lb2);
        await lb2.Daemon.WaitForOutputAsync(l => l.Contains($"heard peer {lb1.Host.Address} advertise as master", StringComparison.Ordinal), Bounds.Immediate);
        await Wait.UntilAsync(() => GratuitousArps(arps, lb2) > bursts, Bounds.Immediate, "a gratuitous ARP from lb2 after the merge");
    }

    /// <summary>Gratuitous ARPs for the VIP from <paramref name="node"/>'s MAC that tcpdump printed so far.</summary>
    private static int GratuitousArps(LabProcess dump, VrrpdNode node) => dump.Output.Count(l =>
        l.Text.Contains(node.Host.Mac + " > ", StringComparison.OrdinalIgnoreCase)
        && l.Text.Contains($"Request who-has {GuidePair.Vip} ", StringComparison.Ordinal)
        && l.Text.Contains($"tell {GuidePair.Vip},", StringComparison.Ordinal));

    [Fact]
    public async Task LinkCut_MasterGoesToFaultAndDropsVip_OtherTakesOver()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var backup = pair.Other(master);

        await master.Host.CutLinkAsync();

        await Wait.UntilAsync(async _ => await master.StateAsync() == "Fault", Bounds.Immediate, "the cut master in fault");
        Assert.False(await master.HoldsAsync(GuidePair.Vip));
        Assert.Contains("link eth0 down", (await master.StatusAsync()).Instances[0].FaultReasons);
        await Wait.UntilAsync(async _ => await backup.StateAsync() == "Master" && await backup.HoldsAsync(GuidePair.Vip), Bounds.Election, "the other node master");

        await master.Host.RestoreLinkAsync();

        await pair.WaitForSingleMasterAsync(expected: backup);
    }
}
