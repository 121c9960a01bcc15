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
}
