using System.Diagnostics;
using System.Globalization;
using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>The master's vrrpd dies or stops: the backup takes over, and no VIP stays behind (issue 3, points 4, 9, 10).</summary>
public sealed class FailoverTests
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    [Fact]
    public async Task SigkillOfMaster_BackupOwnsVip_ThenReleaseLeavesOnlyOneHolder()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var backup = pair.Other(master);

        master.Daemon!.Signal(SigKill);
        await master.Daemon.WaitForExitAsync(Bounds.Start);

        // After Master_Down_Interval the backup is master; the killed node still has the VIP (what Keepalived leaves too).
        await Wait.UntilAsync(async _ => await backup.HoldsAsync(GuidePair.Vip) && await backup.StateAsync() == "Master", Bounds.Election, "the backup taking the VIP");
        Assert.True(await master.HoldsAsync(GuidePair.Vip), "a SIGKILLed vrrpd cannot remove its VIP itself");

        // What the unit's ExecStopPost runs.
        var release = await master.CliAsync("--release", "--run-dir", master.RunDirectory);

        Assert.True(release.Succeeded, release.StandardError);
        Assert.Contains("released 198.18.0.100/24", release.StandardOutput, StringComparison.Ordinal);
        Assert.Equal([backup], await pair.HoldersAsync());
    }

    [Fact]
    public async Task SigtermOfMaster_BackupTakesOverAtOnce_OldMasterHasNoVip()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var backup = pair.Other(master);
        var masterAddresses = await AddressMonitor.StartAsync(master.Host);
        var backupAddresses = await AddressMonitor.StartAsync(backup.Host);

        var clock = Stopwatch.StartNew();
        master.Daemon!.Signal(SigTerm);
        await backup.Daemon!.WaitForOutputAsync(l => l.Contains("Backup -> Master (PriorityZeroReceived)", StringComparison.Ordinal), Bounds.Immediate);
        var takeover = clock.Elapsed;

        Assert.Equal(0, await master.Daemon.WaitForExitAsync(Bounds.Start));
        Assert.Equal([backup], await pair.HoldersAsync());
        // One unicast peer: no Skew_Time wait (about 0.6 s at priority 102), let alone Master_Down_Interval.
        Assert.True(takeover < Bounds.Immediate, string.Create(CultureInfo.InvariantCulture, $"takeover took {takeover.TotalMilliseconds} ms"));
        // The VIP left the old master before it came to the new one: never on both.
        await ReleaseTests.AssertHandedOverAsync(masterAddresses, backupAddresses, GuidePair.Vip);
    }

    [Fact]
    public async Task Takeover_ClientNeighbourEntryMovesToNewMaster_WithoutClientArpRequest()
    {
        await using var pair = await GuidePair.CreateAsync(withClient: true);
        var client = pair.Client!;
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var backup = pair.Other(master);
        // The first ping also resolves the VIP's MAC: retried, since on a loaded machine that may outlast one ping.
        await Wait.UntilAsync(
            async ct => (await client.RunAsync(["ping", "-c", "1", "-W", "2", GuidePair.Vip.ToString()], ct: ct)).Succeeded,
            Bounds.Cli, $"{client.Name} to ping the VIP");
        Assert.Equal(master.Host.Mac, await client.NeighbourMacAsync(GuidePair.Vip));

        // From now on, count every ARP request the client sends.
        await client.RunCheckedAsync(["nft", "-f", "-"], """
            table arp hakube_arp {
              chain out { type filter hook output priority 0; policy accept; arp operation request counter; }
            }
            """);
        master.Daemon!.Signal(SigTerm);

        await Wait.UntilAsync(async ct => await client.NeighbourMacAsync(GuidePair.Vip, ct) == backup.Host.Mac, Bounds.Election, "the client's neighbour entry for the VIP pointing at the new master");
        var counters = await client.RunCheckedAsync(["nft", "list", "table", "arp", "hakube_arp"]);
        Assert.Contains("counter packets 0 bytes 0", counters.StandardOutput, StringComparison.Ordinal);
    }
}
