using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>The VIP is held by the master only: defended while master, cleaned at start (issue 3, point 4).</summary>
public sealed class AddressTests
{
    [Fact]
    public async Task VipRemovedBySomeoneElse_WhileMaster_IsAddedBackAtOnce()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();

        await master.Host.RunCheckedAsync(["ip", "addr", "del", "198.18.0.100/24", "dev", "eth0"]);

        await Wait.UntilAsync(async _ => await master.HoldsAsync(GuidePair.Vip), Bounds.Immediate, "the VIP back on the master");
        // The log line may be written a moment after the address is back: wait for it rather than read it at once.
        await master.Daemon!.WaitForOutputAsync(l => l.Contains("was removed by someone else while master", StringComparison.Ordinal), Bounds.Immediate);
    }

    [Fact]
    public async Task RestartAfterSigkill_RemovesTheStaleVipBeforeJoining()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var backup = pair.Other(master);
        master.Daemon!.Signal(9);
        await master.Daemon.WaitForExitAsync(Bounds.Start);
        await Wait.UntilAsync(async _ => await backup.StateAsync() == "Master", Bounds.Election, "the backup master");
        Assert.True(await master.HoldsAsync(GuidePair.Vip));

        // Started again without --release: the copy the dead run left is recorded and tagged, so it goes at once.
        var restarted = await master.StartDaemonAsync();

        Assert.Contains("removed stale 198.18.0.100/24", restarted.OutputText, StringComparison.Ordinal);
        await pair.WaitForSingleMasterAsync(expected: backup);
    }

    [Fact]
    public async Task ACopyOfTheVipVrrpdDidNotAdd_IsRemovedAtStart_SoTheBackupNeverHoldsIt()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.Lb2.StartDaemonAsync();
        await Wait.UntilAsync(async _ => await pair.Lb2.StateAsync() == "Master", Bounds.Election, "lb2 master alone");
        // What Keepalived killed during a move to vrrpd leaves on lb1: the VIP, untagged and in no record.
        await pair.Lb1.Host.RunCheckedAsync(["ip", "addr", "add", "198.18.0.100/24", "dev", "eth0"]);

        var started = await pair.Lb1.StartDaemonAsync();

        Assert.Contains(started.Output, l => l.Text.Contains("removed 198.18.0.100/24", StringComparison.Ordinal)
            && l.Text.Contains("a copy of a configured VIP that vrrpd did not add", StringComparison.Ordinal));
        Assert.False(await pair.Lb1.HoldsAsync(GuidePair.Vip));
        await pair.WaitForSingleMasterAsync(expected: pair.Lb2);
    }
}
