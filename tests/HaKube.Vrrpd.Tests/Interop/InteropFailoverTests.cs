using HaKube.NetLab;
using HaKube.Vrrpd.Tests.Integration;

namespace HaKube.Vrrpd.Tests.Interop;

/// <summary>
/// Takeover, priority-0 handover and preemption across vrrpd and Keepalived 2.2.7 (issue 3, point 11), with the
/// master being either of them.
/// </summary>
public sealed class InteropFailoverTests
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    // 3. Takeover after a crash: the backup waits Master_Down_Interval for adverts that never come.

    [Fact]
    public async Task V2PassUnicast_SigkillOfKeepalivedMaster_VrrpdTakesVipOnMasterDown()
    {
        await using var pair = await InteropPair.StartWithKeepalivedMasterAsync(InteropMode.V2PassUnicast);

        await pair.Keepalived.KillAsync();

        await pair.Vrrpd.Daemon!.WaitForOutputAsync(l => l.Contains("Backup -> Master (MasterDown)", StringComparison.Ordinal), Bounds.Election);
        await Wait.UntilAsync(async _ => await pair.Vrrpd.HoldsAsync(InteropPair.Vip), Bounds.Immediate, "the VIP on vrrpd's host");
        Assert.Equal("Master", await pair.Vrrpd.StateAsync());
    }

    [Fact]
    public async Task V3Multicast_SigkillOfVrrpdMaster_KeepalivedTakesVip()
    {
        await using var pair = await InteropPair.StartWithVrrpdMasterAsync(InteropMode.V3Multicast);

        pair.Vrrpd.Daemon!.Signal(SigKill);
        await pair.Vrrpd.Daemon.WaitForExitAsync(Bounds.Start);

        await pair.Keepalived.Daemon!.WaitForOutputAsync(l => l.Contains("Entering MASTER STATE", StringComparison.Ordinal), Bounds.Election);
        await Wait.UntilAsync(async _ => await pair.Keepalived.HoldsAsync(InteropPair.Vip), Bounds.Immediate, "the VIP on Keepalived's host");
        Assert.Equal("MASTER", pair.Keepalived.State);
    }

    // 4. Priority-0 handover: a stopping master resigns, and the backup takes over well before Master_Down_Interval.

    [Fact]
    public Task V2PassUnicast_SigtermOfKeepalivedMaster_VrrpdTakesOverOnPriorityZero() => KeepalivedResigns(InteropMode.V2PassUnicast);

    [Fact]
    public Task V3IPv6Multicast_SigtermOfKeepalivedMaster_VrrpdTakesTheVipAfterSkewTime() => KeepalivedResigns(InteropMode.V3IPv6Multicast);

    [Fact]
    public Task V2PassUnicast_SigtermOfVrrpdMaster_KeepalivedTakesOverOnPriorityZero() => VrrpdResigns(InteropMode.V2PassUnicast);

    [Fact]
    public Task V3Multicast_SigtermOfVrrpdMaster_KeepalivedTakesOverOnPriorityZero() => VrrpdResigns(InteropMode.V3Multicast);

    // 5. Preemption: the higher-priority node comes back and takes the VIP from the lower one.

    [Fact]
    public async Task V2PassUnicast_VrrpdRestarted_PreemptsKeepalived()
    {
        await using var pair = await InteropPair.StartWithVrrpdMasterAsync(InteropMode.V2PassUnicast);
        pair.Vrrpd.Daemon!.Signal(SigTerm);
        Assert.Equal(0, await pair.Vrrpd.Daemon.WaitForExitAsync(Bounds.Start));
        await Wait.UntilAsync(async _ => pair.Keepalived.State == "MASTER" && await pair.Keepalived.HoldsAsync(InteropPair.Vip), Bounds.Election, "Keepalived master with the VIP");

        await pair.Vrrpd.StartDaemonAsync();

        await Wait.UntilAsync(_ => pair.VrrpdAloneMasterAsync(), Bounds.Election, "vrrpd alone master again, Keepalived BACKUP");
        Assert.True(
            pair.Keepalived.Logged($"Master received advert from {pair.Vrrpd.Host.Address} with higher priority 150, ours 100"),
            pair.Keepalived.Daemon!.OutputText);
    }

    [Fact]
    public async Task V3Multicast_KeepalivedRestarted_PreemptsVrrpd()
    {
        await using var pair = await InteropPair.StartWithKeepalivedMasterAsync(InteropMode.V3Multicast);
        await pair.Keepalived.TerminateAsync();
        await Wait.UntilAsync(async _ => await pair.Vrrpd.StateAsync() == "Master" && await pair.Vrrpd.HoldsAsync(InteropPair.Vip), Bounds.Election, "vrrpd master with the VIP");

        await pair.Keepalived.StartAsync();

        await Wait.UntilAsync(_ => pair.KeepalivedAloneMasterAsync(), Bounds.Election, "Keepalived alone master again, vrrpd Backup");
        await pair.Vrrpd.Daemon!.WaitForOutputAsync(l => l.Contains("Master -> Backup (HigherPriorityAdvert)", StringComparison.Ordinal), Bounds.Immediate);
        var status = (await pair.Vrrpd.StatusAsync()).Instances[0];
        Assert.Equal(pair.Keepalived.Host.Address.ToString(), status.MasterAddress);
    }

    private static async Task KeepalivedResigns(InteropMode mode)
    {
        await using var pair = await InteropPair.StartWithKeepalivedMasterAsync(mode);

        pair.Keepalived.Daemon!.Signal(SigTerm);

        // One unicast peer: vrrpd takes over at once on Keepalived's priority-0 advert; with multicast after Skew_Time
        // (RFC 5798 6.4.2). Either way well before Master_Down_Interval (3.6 s).
        var reason = mode == InteropMode.V2PassUnicast ? "PriorityZeroReceived" : "MasterDown";
        await pair.Vrrpd.Daemon!.WaitForOutputAsync(l => l.Contains($"Backup -> Master ({reason})", StringComparison.Ordinal), Bounds.Immediate);
        await pair.Keepalived.Daemon.WaitForExitAsync(Bounds.Start);
        await Wait.UntilAsync(async _ => await pair.Vrrpd.HoldsAsync(pair.VirtualAddress), Bounds.Immediate, "the VIP on vrrpd's host");
        Assert.False(await pair.Keepalived.HoldsAsync(pair.VirtualAddress), "a stopped Keepalived removes its VIP");
    }

    private static async Task VrrpdResigns(InteropMode mode)
    {
        await using var pair = await InteropPair.StartWithVrrpdMasterAsync(mode);

        pair.Vrrpd.Daemon!.Signal(SigTerm);

        // Keepalived waits Skew_Time (0.61 s at priority 100) on a priority-0 advert instead of Master_Down_Interval (3.61 s).
        await pair.Keepalived.Daemon!.WaitForOutputAsync(l => l.Contains("Backup received priority 0 advertisement", StringComparison.Ordinal), Bounds.Immediate);
        await pair.Keepalived.Daemon.WaitForOutputAsync(l => l.Contains("Entering MASTER STATE", StringComparison.Ordinal), Bounds.Immediate);
        await Wait.UntilAsync(async _ => await pair.Keepalived.HoldsAsync(InteropPair.Vip), Bounds.Immediate, "the VIP on Keepalived's host");
        Assert.Equal(0, await pair.Vrrpd.Daemon.WaitForExitAsync(Bounds.Start));
        Assert.False(await pair.Vrrpd.HoldsAsync(InteropPair.Vip), "a stopped vrrpd removes its VIP");
    }
}
