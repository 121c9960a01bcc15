using System.Net;
using HaKube.NetLab;
using HaKube.Vrrpd.Daemon;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>
/// `vrrpd --release` (the unit's ExecStopPost) after the master's vrrpd was SIGKILLed: it removes the dead daemon's VIP
/// and then resigns for it with the priority-0 advert the daemon recorded, so the backup takes over at once instead of
/// after Master_Down_Interval, and the VIP is never on both nodes.
/// </summary>
public sealed class ReleaseTests
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>advert_int 10: Master_Down_Interval is 36 s, so a takeover within <see cref="TakeoverBound"/> can only come from the resignation.</summary>
    internal const string LongAdvertInt = "10";

    /// <summary>Well below that Master_Down_Interval, with room for a loaded machine.</summary>
    internal static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(5);

    /// <summary>lb1 master at 150, lb2 backup at 100, adverts far apart: a takeover within <see cref="TakeoverBound"/> came from a resignation.</summary>
    private static async Task<GuidePair> Lb1MasterPairAsync()
    {
        var pair = await GuidePair.CreateAsync(configure: (node, c) => c with
        {
            AdvertInt = LongAdvertInt,
            State = node.Name == "lb1" ? "MASTER" : "BACKUP",
            Priority = node.Name == "lb1" ? 150 : 100,
        });
        try
        {
            await pair.StartAsync();
            await pair.WaitForSingleMasterAsync(expected: pair.Lb1);
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task SigkillOfMaster_ReleaseRemovesTheVipThenResigns_BackupTakesOverAtOnce_NeverBoth()
    {
        await using var pair = await Lb1MasterPairAsync();
        var (master, backup) = (pair.Lb1, pair.Lb2);

        // While master, the record holds the resignation: one v2 advert to the one peer, from the unicast source.
        var resignPath = Path.Combine(master.RunDirectory, ResignRecord.FileName);
        var entry = Assert.Single(ResignRecord.Read(resignPath)!.Entries);
        Assert.Equal(("haproxy-vip", master.Host.Address), (entry.Instance, entry.Source));
        Assert.Equal([backup.Host.Address], entry.Adverts.Select(a => a.Destination));
        Assert.Empty(entry.Check());
        Assert.False(File.Exists(Path.Combine(backup.RunDirectory, ResignRecord.FileName)), "a backup records no resignation");

        var masterAddresses = await AddressMonitor.StartAsync(master.Host);
        var backupAddresses = await AddressMonitor.StartAsync(backup.Host);
        master.Daemon!.Signal(SigKill);
        await master.Daemon.WaitForExitAsync(Bounds.Start);
        Assert.True(await master.HoldsAsync(GuidePair.Vip), "a SIGKILLed vrrpd cannot remove its VIP itself");
        Assert.Equal("Backup", await backup.StateAsync());

        var release = await master.CliAsync("--release", "--run-dir", master.RunDirectory);

        Assert.True(release.Succeeded, release.StandardError);
        Assert.Contains("released 198.18.0.100/24", release.StandardOutput, StringComparison.Ordinal);
        Assert.True(release.StandardOutput.Contains($"resigned haproxy-vip: priority-0 advert sent to {backup.Host.Address} from {master.Host.Address} on eth0", StringComparison.Ordinal),
            release.StandardOutput + release.StandardError);
        Assert.False(File.Exists(resignPath), "--release deletes the resign record");
        await backup.Daemon!.WaitForOutputAsync(l => l.Contains("Backup -> Master (PriorityZeroReceived)", StringComparison.Ordinal), TakeoverBound);
        await Wait.UntilAsync(async _ => await backup.HoldsAsync(GuidePair.Vip), TakeoverBound, "the VIP on the backup");
        Assert.Equal([backup], await pair.HoldersAsync());
        await AssertHandedOverAsync(masterAddresses, backupAddresses, GuidePair.Vip);
    }

    [Fact]
    public async Task SigkillOfMaster_VipReAddedByHand_ReleaseLeavesIt_AndSendsNoPriorityZero()
    {
        await using var pair = await Lb1MasterPairAsync();
        var (master, backup) = (pair.Lb1, pair.Lb2);
        master.Daemon!.Signal(SigKill);
        await master.Daemon.WaitForExitAsync(Bounds.Start);
        // Someone puts the VIP back by hand (untagged): --release must leave it, so it is still on this node.
        await master.Host.RunCheckedAsync(["ip", "addr", "del", "198.18.0.100/24", "dev", "eth0"]);
        await master.Host.RunCheckedAsync(["ip", "addr", "add", "198.18.0.100/24", "dev", "eth0"]);

        var release = await master.CliAsync("--release", "--run-dir", master.RunDirectory);

        Assert.Equal(ExitCodes.ReleaseFailed, release.ExitCode);
        Assert.Contains("left 198.18.0.100/24 (ifindex 2) alone: present but not tagged", release.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("vrrpd --release: error: 198.18.0.100/24 (ifindex 2) is still on the interface", release.StandardError, StringComparison.Ordinal);
        Assert.Contains("no priority-0 advert sent", release.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("resigned", release.StandardOutput, StringComparison.Ordinal);
        Assert.True(await master.HoldsAsync(GuidePair.Vip));
        Assert.True(File.Exists(Path.Combine(master.RunDirectory, ResignRecord.FileName)), "the resign record waits for a --release that finds the VIP gone");
        // Master_Down_Interval is 36 s: still backup a few seconds on means no priority-0 advert reached it.
        await Assert.ThrowsAsync<TimeoutException>(() => backup.Daemon!.WaitForOutputAsync(l => l.Contains("-> Master", StringComparison.Ordinal), TakeoverBound));
        Assert.Equal("Backup", await backup.StateAsync());
    }

    [Fact]
    public async Task SigtermOfMaster_LeavesNoResignRecord_ReleaseSendsNothing()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        Assert.True(File.Exists(Path.Combine(master.RunDirectory, ResignRecord.FileName)));

        master.Daemon!.Signal(SigTerm);
        Assert.Equal(0, await master.Daemon.WaitForExitAsync(Bounds.Start));

        Assert.False(File.Exists(Path.Combine(master.RunDirectory, ResignRecord.FileName)), "a master that resigned itself leaves no record");
        var release = await master.CliAsync("--release", "--run-dir", master.RunDirectory);
        Assert.True(release.Succeeded, release.StandardError);
        Assert.Contains("nothing to do", release.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("malformed")]
    [InlineData("stale")]
    [InlineData("interface-renamed")]
    public async Task BadResignRecord_IsReportedAndNotSent_TheVipIsReleasedAnyway(string flaw)
    {
        await using var lab = await Lab.CreateAsync();
        var node = new VrrpdNode(await lab.AddHostAsync("lb1", new HostOptions { IPv6 = false }));
        // Alone, and told it is master: it takes the VIP at once (its adverts go to a peer that does not exist).
        await node.WriteConfigAsync(new GuideConfig { Self = node.Host.Address, Peer = IPAddress.Parse("198.18.0.2"), Vip = "198.18.0.100/24", State = "MASTER" }.Render());
        await node.StartDaemonAsync();
        await Wait.UntilAsync(async _ => await node.HoldsAsync(GuidePair.Vip), Bounds.Election, "the VIP on lb1");
        var resignPath = Path.Combine(node.RunDirectory, ResignRecord.FileName);
        await Wait.UntilAsync(_ => Task.FromResult(File.Exists(resignPath)), Bounds.Immediate, "the resign record");
        node.Daemon!.Signal(SigKill);
        await node.Daemon.WaitForExitAsync(Bounds.Start);
        var text = await File.ReadAllTextAsync(resignPath);
        var pidPath = Path.Combine(node.RunDirectory, "vrrpd.pid");
        string expected;
        switch (flaw)
        {
            case "malformed":
                var lines = text.Split('\n');
                var advert = Array.FindIndex(lines, l => l.StartsWith("advert ", StringComparison.Ordinal));
                lines[advert] += "z";
                await File.WriteAllTextAsync(resignPath, string.Join('\n', lines));
                expected = $"{resignPath}: line {advert + 1}: the packet is not an even number of hex digits";
                break;
            case "stale":
                await File.WriteAllTextAsync(pidPath, "1\n");
                expected = $"{resignPath} is stale: written by vrrpd pid {node.Daemon.Pid}, but the last vrrpd to use {node.RunDirectory} was pid 1";
                break;
            default:
                await File.WriteAllTextAsync(resignPath, text.Replace("ifname eth0", "ifname eth9", StringComparison.Ordinal));
                expected = $"{resignPath}: instance haproxy-vip: interface index 2 is eth0, not eth9 (stale)";
                break;
        }

        var release = await node.CliAsync("--release", "--run-dir", node.RunDirectory);

        Assert.True(release.Succeeded, release.StandardError);
        Assert.Contains("released 198.18.0.100/24", release.StandardOutput, StringComparison.Ordinal);
        Assert.False(await node.HoldsAsync(GuidePair.Vip));
        Assert.True(release.StandardError.Contains(expected, StringComparison.Ordinal), release.StandardError);
        Assert.DoesNotContain("resigned", release.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(resignPath), "a record that cannot be used is deleted too");
    }

    /// <summary>The old holder's VIP went before the new one's came, and nothing re-added it on the old holder.</summary>
    /// <remarks>
    /// `ip monitor` prints an event a moment after `ip addr` can see the address: wait (bounded) until both monitors
    /// have printed theirs, then check.
    /// </remarks>
    internal static async Task AssertHandedOverAsync(AddressMonitor from, AddressMonitor to, IPAddress vip)
    {
        await Wait.UntilAsync(() => from.Events(vip).Count > 0 && to.Events(vip).Count > 0, Bounds.Immediate,
            "both address monitors to print the VIP's move");
        var removed = from.Events(vip);
        var added = to.Events(vip);
        var gone = Assert.Single(removed);
        Assert.False(gone.Added, "the old holder only lost the VIP");
        var came = Assert.Single(added);
        Assert.True(came.Added);
        Assert.True(gone.At <= came.At, $"the VIP was on both: added on the new holder at {came.At:HH:mm:ss.ffffff}, removed from the old at {gone.At:HH:mm:ss.ffffff}");
    }
}
