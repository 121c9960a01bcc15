using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>
/// An invalid value in keepalived.conf: an error naming file:line, the field and the allowed range; at start the daemon
/// does not start, on SIGHUP the running instances go on untouched (issue 3, point 8).
/// </summary>
public sealed class ConfigErrorTests
{
    private const int SigHup = 1;
    private const int ConfigErrorExit = 1;

    [Fact]
    public async Task PriorityOutOfRange_AtStart_ExitsWithTheErrorAtItsLine_NeitherVipNorAdvert()
    {
        await using var pair = await GuidePair.CreateAsync(configure: (node, c) => node.Name == "lb1" ? c with { State = "MASTER", Priority = 300 } : c);
        var (lb1, lb2) = (pair.Lb1, pair.Lb2);
        var text = await File.ReadAllTextAsync(lb1.ConfigPath);
        var line = LineOf(text, "priority 300");
        var adverts = lb2.Host.Start(["tcpdump", "-Z", "root", "-i", "eth0", "-n", "-l", "-tt", "ip proto 112"]);
        await adverts.WaitForOutputAsync(l => l.Contains("listening on", StringComparison.Ordinal), Bounds.Start);
        var addresses = await AddressMonitor.StartAsync(lb1.Host);

        var run = await lb1.Host.RunAsync(Vrrpd.Command("-f", lb1.ConfigPath, "--run-dir", lb1.RunDirectory), timeout: Bounds.Cli);

        var said = run.StandardOutput + run.StandardError;
        Assert.Equal(ConfigErrorExit, run.ExitCode);
        Assert.Contains($"{lb1.ConfigPath}:{line}: error: priority: ", said, StringComparison.Ordinal);
        Assert.Contains("300 is out of range; allowed 1..255", said, StringComparison.Ordinal);
        Assert.DoesNotContain("vrrpd started", said, StringComparison.Ordinal);

        // The same file with a valid priority: the observers do see this run's VIP and adverts, so they saw none before.
        // Both carry the event's own time (tcpdump's capture stamp, ip's), compared with a moment before the valid run.
        await lb1.WriteConfigAsync(text.Replace("priority 300", "priority 150", StringComparison.Ordinal));
        var validRun = DateTimeOffset.UtcNow;
        await lb1.StartDaemonAsync();
        await adverts.WaitForOutputAsync(l => l.Contains($"{lb1.Host.Address} > {lb2.Host.Address}", StringComparison.Ordinal), Bounds.Election);
        await Wait.UntilAsync(() => addresses.Events(GuidePair.Vip).Count > 0, Bounds.Election, "the valid run's VIP on lb1");
        var firstAdvert = adverts.Output.First(l => l.Text.Contains($"{lb1.Host.Address} > {lb2.Host.Address}", StringComparison.Ordinal)).Text;
        var firstAdvertAt = CaptureStamps.At(firstAdvert);
        var firstVip = addresses.Events(GuidePair.Vip)[0];
        Assert.True(firstVip.Added);
        Assert.True(firstAdvertAt >= validRun, $"an advert from lb1 before the valid run: {firstAdvert}");
        Assert.True(firstVip.At >= validRun, $"the VIP on lb1 before the valid run ({firstVip.At:O} < {validRun:O})");
    }

    [Fact]
    public async Task PriorityOutOfRange_OnSighup_IsLoggedAtItsLine_RunningInstanceUnchanged()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();
        var backup = pair.Other(master);
        var before = (await master.StatusAsync()).Instances[0];
        var text = await File.ReadAllTextAsync(master.ConfigPath);
        await master.WriteConfigAsync(text.Replace("priority 100", "priority 300", StringComparison.Ordinal));
        var line = LineOf(text, "priority 100");

        master.Daemon!.Signal(SigHup);

        var error = await master.Daemon.WaitForOutputAsync(l => l.Contains($"{master.ConfigPath}:{line}: error: priority: ", StringComparison.Ordinal), Bounds.Cli);
        Assert.Contains("300 is out of range; allowed 1..255", error, StringComparison.Ordinal);
        await master.Daemon.WaitForOutputAsync(l => l.Contains($"reload of {master.ConfigPath} rejected", StringComparison.Ordinal), Bounds.Immediate);
        // Three more adverts reach the backup: the instance runs on as before.
        var heard = (await backup.StatusAsync()).Instances[0].AdvertsReceived;
        await Wait.UntilAsync(async _ => (await backup.StatusAsync()).Instances[0].AdvertsReceived >= heard + 3, Bounds.Election, "adverts after the rejected reload");
        var after = (await master.StatusAsync()).Instances[0];
        Assert.Equal(("Master", before.BasePriority, before.EffectivePriority, before.LastTransition), (after.State, after.BasePriority, after.EffectivePriority, after.LastTransition));
        Assert.Equal([master], await pair.HoldersAsync());
        Assert.Equal("Backup", await backup.StateAsync());
        Assert.False(master.Daemon.HasExited);
    }

    /// <summary>The 1-based number of the only line containing <paramref name="needle"/>.</summary>
    private static int LineOf(string text, string needle)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(needle, StringComparison.Ordinal));
        Assert.True(index >= 0 && Array.FindLastIndex(lines, l => l.Contains(needle, StringComparison.Ordinal)) == index, $"one line with '{needle}'");
        return index + 1;
    }
}
