using System.Text.Json;
using HaKube.NetLab;
using HaKube.Vrrpd.Daemon.Admin;
using HaKube.Vrrpd.Tests.Integration;

namespace HaKube.Vrrpd.Tests.Interop;

/// <summary>
/// Election across vrrpd and Keepalived 2.2.7 on the same VRID, both ways round, in the guide's v2 PASS unicast setup
/// and in v3 multicast over IPv4 and IPv6 (issue 3, point 11): each accepts the other's adverts, so the lower one stays backup.
/// </summary>
public sealed class InteropElectionTests
{
    /// <summary>The peer these tests interoperate with is the one the issue names: Debian's Keepalived 2.2.7.</summary>
    [Fact]
    public async Task ThePeer_IsKeepalived2_2_7()
    {
        var (exit, output, error) = await CliProcess.RunProgramAsync(["keepalived", "--version"]);

        Assert.Equal(0, exit);
        Assert.StartsWith("Keepalived v2.2.7 ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public Task V2PassUnicast_VrrpdMaster150_KeepalivedStaysBackup() => VrrpdMasterKeepalivedBackup(InteropMode.V2PassUnicast);

    [Fact]
    public Task V3Multicast_VrrpdMaster150_KeepalivedStaysBackup() => VrrpdMasterKeepalivedBackup(InteropMode.V3Multicast);

    [Fact]
    public Task V3IPv6Multicast_VrrpdMaster150_KeepalivedStaysBackup() => VrrpdMasterKeepalivedBackup(InteropMode.V3IPv6Multicast);

    [Fact]
    public Task V2PassUnicast_KeepalivedMaster150_VrrpdBackupSeesKeepalivedAsMaster() => KeepalivedMasterVrrpdBackup(InteropMode.V2PassUnicast);

    [Fact]
    public Task V3Multicast_KeepalivedMaster150_VrrpdBackupSeesKeepalivedAsMaster() => KeepalivedMasterVrrpdBackup(InteropMode.V3Multicast);

    [Fact]
    public Task V3IPv6Multicast_KeepalivedMaster150_VrrpdBackupSeesKeepalivedAsMaster() => KeepalivedMasterVrrpdBackup(InteropMode.V3IPv6Multicast);

    private static async Task VrrpdMasterKeepalivedBackup(InteropMode mode)
    {
        await using var pair = await InteropPair.CreateAsync(mode, vrrpdPriority: 150, keepalivedPriority: 100);
        // vrrpd first: its Master_Down_Interval ends before Keepalived's, so Keepalived never has a reason to be master.
        await pair.Vrrpd.StartDaemonAsync();
        await pair.Keepalived.StartAsync();

        await Wait.UntilAsync(_ => pair.VrrpdAloneMasterAsync(), Bounds.Election, "vrrpd alone master, Keepalived BACKUP");
        // Stay there well past Keepalived's own Master_Down_Interval (3 * 1 s + skew): it hears and accepts our adverts.
        var sent = (await pair.Vrrpd.StatusAsync()).Instances[0].AdvertsSent;
        await Wait.UntilAsync(async _ => (await pair.Vrrpd.StatusAsync()).Instances[0].AdvertsSent >= sent + 6, Bounds.Election, "six more adverts from vrrpd");

        Assert.True(await pair.VrrpdAloneMasterAsync(), "vrrpd alone master after six adverts");
        Assert.True(pair.Keepalived.Logged("Entering BACKUP STATE"), pair.Keepalived.Daemon!.OutputText);
        Assert.False(pair.Keepalived.Logged("Entering MASTER STATE"), pair.Keepalived.Daemon!.OutputText);
        Assert.False(pair.Keepalived.Daemon!.HasExited, pair.Keepalived.Daemon.OutputText);
    }

    private static async Task KeepalivedMasterVrrpdBackup(InteropMode mode)
    {
        await using var pair = await InteropPair.CreateAsync(mode, vrrpdPriority: 100, keepalivedPriority: 150);
        await pair.Keepalived.StartAsync();
        await pair.Keepalived.Daemon!.WaitForOutputAsync(l => l.Contains("Entering MASTER STATE", StringComparison.Ordinal), Bounds.Election);
        await pair.Vrrpd.StartDaemonAsync();

        await Wait.UntilAsync(
            async _ => await pair.KeepalivedAloneMasterAsync() && (await pair.Vrrpd.StatusAsync()).Instances[0].AdvertsReceived >= 6,
            Bounds.Election,
            "Keepalived alone master and six of its adverts accepted by vrrpd");

        var status = (await pair.Vrrpd.StatusAsync()).Instances[0];
        Assert.Equal("Backup", status.State);
        var keepalivedSource = await pair.KeepalivedSourceAsync();
        Assert.Equal(keepalivedSource, status.MasterAddress);
        Assert.Equal(150, status.MasterPriority);
        Assert.Equal(mode == InteropMode.V2PassUnicast ? 2 : 3, status.Version);
        Assert.Empty(status.Drops);
        Assert.DoesNotContain("-> Master", pair.Vrrpd.Daemon!.OutputText, StringComparison.Ordinal);

        // The contract's JSON view says the same.
        var json = await pair.Vrrpd.CliAsync("status", "--json", "--run-dir", pair.Vrrpd.RunDirectory);
        Assert.True(json.Succeeded, json.StandardError);
        var instance = Assert.Single(JsonSerializer.Deserialize(json.StandardOutput, VrrpdAdminJsonContext.Default.DaemonStatus)!.Instances);
        Assert.Equal("Backup", instance.State);
        Assert.Equal(keepalivedSource, instance.MasterAddress);
    }
}
