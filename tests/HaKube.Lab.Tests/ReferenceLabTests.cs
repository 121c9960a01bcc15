using System.Globalization;
using HaKube.Installer.Lab;
using HaKube.NetLab;

namespace HaKube.Lab.Tests;

/// <summary>`hakube lab` end to end with Keepalived + HAProxy from Debian and the guide's files (as root).</summary>
[Collection(WholeLabs.Name)]
public sealed class ReferenceLabTests
{
    [Fact]
    public Task UpFailoverDown_VipMoves_NeighbourFollows_ProbesRecover_NothingLeft()
        => LabScenario.UpFailoverDownAsync(LabMode.Reference);

    /// <summary>
    /// With the guide's file HAProxy keeps sending connections to a killed apiserver until two checks 10 s apart fail;
    /// restore then starts the stand-in again and reloads HAProxy on both nodes (new process, then SIGUSR1 to the old), so the restarted master is
    /// at full weight at once instead of slowstart's 60 s ramp, and the VIP stays where it was (keepalived's track
    /// script never sees a node without HAProxy).
    /// </summary>
    [Fact]
    public async Task Apiserver_ProbesFail_RestoreReloadsHaproxy_OnBothNodes_VipStays()
    {
        var dir = LabScenario.NewLabDirectory();
        LabState? state = null;
        try
        {
            var up = await HakubeCommand.RunAsync(LabScenario.UpBound, "lab", "up", "--reference", "--lab-dir", dir, "--json");
            Assert.True(up.Exit == 0, $"hakube lab up failed with exit {up.Exit}:\n{up.Stderr}\n{up.Stdout}");
            var before = HakubeCommand.Json(up.Stdout, HakubeCommand.Context.LabStatus);
            state = before.State!;
            var holder = Assert.Single(before.VipHolders);

            var failover = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "failover", "--fault", "apiserver", "--lab-dir", dir, "--json");
            Assert.True(failover.Stdout.TrimStart().StartsWith('{'), $"hakube lab failover failed with exit {failover.Exit}:\n{failover.Stderr}\n{failover.Stdout}");
            var report = HakubeCommand.Json(failover.Stdout, HakubeCommand.Context.FailoverReport);
            Assert.True(report.Tls.FailedAfterFault > 0, $"no TLS probe failed while HAProxy still sent connections to the dead master1: {LabScenario.Describe(report)}");
            Assert.True(report.Recovered, LabScenario.Describe(report));

            var restore = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "restore", "--lab-dir", dir, "--json");
            Assert.True(restore.Exit == 0, $"hakube lab restore failed with exit {restore.Exit}:\n{restore.Stderr}\n{restore.Stdout}");
            var restored = HakubeCommand.Json(restore.Stdout, HakubeCommand.Context.RestoreReport);
            Assert.Contains(restored.Restarted, r => r.StartsWith("kube-apiserver-standin on master1", StringComparison.Ordinal));
            foreach (var lb in new[] { "lb1", "lb2" })
            {
                var old = state.Hosts.Single(h => h.Name == lb).Processes.Single(p => p.Name == "haproxy").Pid;
                Assert.Contains(restored.Restarted, r => r.StartsWith($"haproxy on {lb} reloaded", StringComparison.Ordinal)
                    && r.Contains(string.Create(CultureInfo.InvariantCulture, $"was {old})"), StringComparison.Ordinal));
                Assert.False(ProcFs.IsRunning(old), string.Create(CultureInfo.InvariantCulture, $"the old haproxy {old} on {lb} still runs after the reload"));
            }

            var after = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "status", "--lab-dir", dir, "--json");
            Assert.True(after.Exit == 0, $"hakube lab status failed with exit {after.Exit}:\n{after.Stderr}\n{after.Stdout}");
            var status = HakubeCommand.Json(after.Stdout, HakubeCommand.Context.LabStatus);
            Assert.Empty(status.DeadProcesses);
            Assert.Equal([holder], status.VipHolders);
            Assert.All(status.State!.Hosts.Where(h => h.Role == LabRole.LoadBalancer),
                h => Assert.Contains(restored.Restarted, r => r.Contains(string.Create(CultureInfo.InvariantCulture, $"(pid {h.Processes.Single(p => p.Name == "haproxy").Pid},"), StringComparison.Ordinal)));
        }
        finally
        {
            var down = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "down", "--lab-dir", dir);
            Assert.True(down.Exit == 0, $"hakube lab down failed with exit {down.Exit}:\n{down.Stderr}\n{down.Stdout}");
        }

        await LabScenario.AssertNothingLeftAsync(dir, state);
    }

    [Fact]
    public async Task SupervisorKilled_Down_SweepsEverything()
    {
        var dir = LabScenario.NewLabDirectory();
        var up = await HakubeCommand.RunAsync(LabScenario.UpBound, "lab", "up", "--reference", "--lab-dir", dir, "--json");
        Assert.True(up.Exit == 0, $"hakube lab up failed with exit {up.Exit}:\n{up.Stderr}\n{up.Stdout}");
        var state = HakubeCommand.Json(up.Stdout, HakubeCommand.Context.LabStatus).State!;

        // The supervisor dies without cleaning up: its daemons keep running in the lab's namespaces.
        Assert.Equal(0, Tmds.Linux.LibC.kill(state.SupervisorPid, Tmds.Linux.LibC.SIGKILL));
        await Wait.UntilAsync(() => !ProcFs.IsRunning(state.SupervisorPid), TimeSpan.FromSeconds(10), "the supervisor to die");
        Assert.NotEmpty(LabSweeper.Processes(state.LabName));

        var status = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "status", "--lab-dir", dir);
        Assert.NotEqual(0, status.Exit);
        Assert.Contains("gone", status.Stdout, StringComparison.Ordinal);

        var down = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "down", "--lab-dir", dir);
        Assert.True(down.Exit == 0, $"hakube lab down failed with exit {down.Exit}:\n{down.Stderr}\n{down.Stdout}");
        Assert.Contains("swept", down.Stdout, StringComparison.Ordinal);
        await LabScenario.AssertNothingLeftAsync(dir, state);
    }

    [Fact]
    public async Task CtrlC_DuringUp_RemovesTheLab()
    {
        var dir = LabScenario.NewLabDirectory();
        var up = HakubeCommand.Start("lab", "up", "--reference", "--lab-dir", dir);
        var stateFile = Path.Combine(dir, "state.json");
        LabState? state = null;
        // Interrupt once the lab exists and daemons are starting.
        await Wait.UntilAsync(() => (state = new LabDirectory(dir).ReadState()) is { LabName.Length: > 0 } s && LabSweeper.Processes(s.LabName).Count > 0,
            LabScenario.UpBound, "the lab to have processes");

        Assert.Equal(0, Tmds.Linux.LibC.kill(up.Pid, Tmds.Linux.LibC.SIGINT));
        var (exit, stdout, stderr) = await up.WaitAsync(LabScenario.StepBound);

        Assert.True(exit == 130, $"expected exit 130 after Ctrl-C, got {exit}:\n{stderr}\n{stdout}");
        Assert.False(File.Exists(stateFile));
        await LabScenario.AssertNothingLeftAsync(dir, state);
        Assert.False(ProcFs.IsRunning(state!.SupervisorPid), string.Create(CultureInfo.InvariantCulture, $"supervisor {state.SupervisorPid} still runs"));
    }

    [Fact]
    public async Task Down_WithoutALab_SaysSo()
    {
        var dir = LabScenario.NewLabDirectory();
        var down = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "down", "--lab-dir", dir);
        Assert.Equal(0, down.Exit);
        Assert.Contains("no lab", down.Stdout, StringComparison.Ordinal);
        var status = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "status", "--lab-dir", dir);
        Assert.Equal(1, status.Exit);
        Assert.Contains("hakube lab up", status.Stderr, StringComparison.Ordinal);
    }
}
