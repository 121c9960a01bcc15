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

    // 4b. `vrrpd --release` resigns for a SIGKILLed vrrpd master: Keepalived takes over on its priority-0 advert
    // (Skew_Time: 0.23 s at priority 250) instead of Master_Down_Interval (30.2 s at advert_int 10).

    [Theory]
    [InlineData(InteropMode.V2PassUnicast)]
    [InlineData(InteropMode.V3Multicast)]
    [InlineData(InteropMode.V3IPv6Multicast)]
    public async Task SigkillOfVrrpdMaster_ReleaseResigns_KeepalivedTakesOverOnPriorityZero(InteropMode mode)
    {
        await using var pair = await InteropPair.CreateAsync(mode, vrrpdPriority: 254, keepalivedPriority: 250,
            (isVrrpd, c) => c with { AdvertInt = ReleaseTests.LongAdvertInt, State = isVrrpd ? "MASTER" : "BACKUP" });
        if (mode == InteropMode.V3IPv6Multicast)
        {
            // The adverts come from the link-local addresses: a tentative one (DAD running) sends nothing, and
            // state MASTER makes vrrpd master at once, before the election would have given DAD its time.
            await Wait.UntilAsync(async _ => !await LinkLocalTentativeAsync(pair.Vrrpd.Host) && !await LinkLocalTentativeAsync(pair.Keepalived.Host),
                Bounds.Start, "both link-local addresses past duplicate address detection");
        }

        await pair.Vrrpd.StartDaemonAsync();
        await pair.Keepalived.StartAsync();
        await Wait.UntilAsync(_ => pair.VrrpdAloneMasterAsync(), Bounds.Election, "vrrpd alone master, Keepalived BACKUP");
        var vrrpdAddresses = await AddressMonitor.StartAsync(pair.Vrrpd.Host);
        var keepalivedAddresses = await AddressMonitor.StartAsync(pair.Keepalived.Host);

        pair.Vrrpd.Daemon!.Signal(SigKill);
        await pair.Vrrpd.Daemon.WaitForExitAsync(Bounds.Start);
        var release = await pair.Vrrpd.CliAsync("--release", "--run-dir", pair.Vrrpd.RunDirectory);

        Assert.True(release.Succeeded, release.StandardError);
        Assert.True(release.StandardOutput.Contains("resigned haproxy-vip: priority-0 advert sent to", StringComparison.Ordinal), release.StandardOutput + release.StandardError);
        await pair.Keepalived.Daemon!.WaitForOutputAsync(l => l.Contains("Backup received priority 0 advertisement", StringComparison.Ordinal), ReleaseTests.TakeoverBound);
        await pair.Keepalived.Daemon.WaitForOutputAsync(l => l.Contains("Entering MASTER STATE", StringComparison.Ordinal), ReleaseTests.TakeoverBound);
        await Wait.UntilAsync(async _ => await pair.Keepalived.HoldsAsync(pair.VirtualAddress), ReleaseTests.TakeoverBound, "the VIP on Keepalived's host");
        Assert.False(await pair.Vrrpd.HoldsAsync(pair.VirtualAddress));
        await ReleaseTests.AssertHandedOverAsync(vrrpdAddresses, keepalivedAddresses, pair.VirtualAddress);
    }

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

    private static async Task<bool> LinkLocalTentativeAsync(LabHost host)
        => (await host.RunCheckedAsync(["ip", "-6", "-o", "addr", "show", "dev", host.Interface, "scope", "link"])).StandardOutput.Contains("tentative", StringComparison.Ordinal);

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
