using HaKube.Installer.Lab;

namespace HaKube.Lab.Tests;

/// <summary>
/// `hakube lab failover --fault F` and `lab restore` on one shared HaKube lab (vrrpd + tcplb): where the VIP goes
/// for each fault, what clients see, and that restore leaves exactly one holder. Behaviour, not timings.
/// </summary>
[Collection(WholeLabs.Name)]
public sealed class HaKubeFaultTests(HaKubeLabFixture lab) : IClassFixture<HaKubeLabFixture>
{
    /// <summary>
    /// As systemd runs vrrpd.service's ExecStopPost the moment vrrpd dies, the lab runs `vrrpd --release` on the node:
    /// it removes the dead daemon's VIP, then resigns for it, so the peer takes over at once and the VIP is never on
    /// both nodes. Restore's own `--release` (the fallback) then finds nothing left.
    /// </summary>
    [Fact]
    public async Task VrrpKill_ReleaseRunsAtOnce_VipMovesToThePeerOnly_NeverOnBoth()
    {
        var run = await FailoverAndRestoreAsync("vrrp-kill");

        Assert.Equal(LabFault.VrrpKill, run.Report.Fault);
        Assert.True(run.Report.NewHolder == run.Other, $"the VIP did not reach {run.Other}: {LabScenario.Describe(run.Report)}");
        Assert.True(run.Report.VipRemovedFromOldMs is not null, $"the VIP stayed on {run.Holder}: {LabScenario.Describe(run.Report)}");
        Assert.False(run.Report.BothHeldVip, $"the VIP was on both nodes: {LabScenario.Describe(run.Report)}");
        Assert.False(run.Report.VipOnBothAtEnd);
        Assert.True(run.Report.Recovered, LabScenario.Describe(run.Report));
        Assert.Contains(run.Report.Timeline, e => e.What.Contains($"`vrrpd --release` on {run.Holder} (the unit's ExecStopPost) exited 0", StringComparison.Ordinal)
            && e.What.Contains("released 198.18.0.10/24", StringComparison.Ordinal)
            && e.What.Contains("resigned apiserver-vip: priority-0 advert sent to", StringComparison.Ordinal));
        Assert.Contains(run.Restore.Restarted, r => r == $"vrrpd --release on {run.Holder} (nothing left to remove)");
        Assert.Single(run.HoldersAfter);
    }

    [Fact]
    public async Task VrrpTerm_VipMovesToThePeer()
    {
        var run = await FailoverAndRestoreAsync("vrrp-term");

        Assert.Equal(LabFault.VrrpTerm, run.Report.Fault);
        Assert.True(run.Report.NewHolder == run.Other, $"the VIP did not move to {run.Other}: {LabScenario.Describe(run.Report)}");
        Assert.NotNull(run.Report.VipRemovedFromOldMs);
        Assert.True(run.Report.Recovered, LabScenario.Describe(run.Report));
        Assert.Single(run.HoldersAfter);
    }

    [Fact]
    public async Task Apiserver_VipStays_NoProbeFails()
    {
        var run = await FailoverAndRestoreAsync("apiserver");

        Assert.Equal(LabFault.Apiserver, run.Report.Fault);
        Assert.Equal("master1", run.Report.FaultHost);
        Assert.True(run.Report.NewHolder is null && !run.Report.VipMoved, $"the VIP moved: {LabScenario.Describe(run.Report)}");
        Assert.Contains(run.Report.Timeline, e => e.What.StartsWith("the VIP stays on " + run.Holder, StringComparison.Ordinal));
        // A request in flight on master1 when it died is lost whatever the balancer does; none started after may fail.
        Assert.True(run.Report.Tcp.FailedAfterFault + run.Report.Tls.FailedAfterFault == 0, $"probes failed while master1 was down: {LabScenario.Describe(run.Report)}");
        Assert.True(run.Report.Tls.Total > 100, $"too few probes: {LabScenario.Describe(run.Report)}");
        Assert.True(run.Report.Recovered);
        Assert.Contains(run.Restore.Restarted, r => r.StartsWith("kube-apiserver-standin on master1", StringComparison.Ordinal));
        Assert.Equal([run.Holder], run.HoldersAfter);
    }

    [Fact]
    public async Task Node_VipMovesToThePeer_RestorePlugsItBackIn_OneHolder()
    {
        var run = await FailoverAndRestoreAsync("node");

        Assert.Equal(LabFault.Node, run.Report.Fault);
        Assert.Null(run.Report.KilledPid);
        Assert.True(run.Report.NewHolder == run.Other, $"the VIP did not move to {run.Other}: {LabScenario.Describe(run.Report)}");
        Assert.True(run.Report.Recovered, LabScenario.Describe(run.Report));
        Assert.Contains(run.Restore.Restarted, r => r.StartsWith(run.Holder + "'s link", StringComparison.Ordinal));
        Assert.Single(run.HoldersAfter);
    }

    /// <summary>
    /// status, failover --fault, restore (always, so the next test finds the lab whole), status; the reports are
    /// asserted on by the caller.
    /// </summary>
    private async Task<FaultRun> FailoverAndRestoreAsync(string fault)
    {
        Assert.True(lab.UpError is null, lab.UpError);
        var holder = Assert.Single(await HoldersAsync());
        (int Exit, string Stdout, string Stderr) failover;
        (int Exit, string Stdout, string Stderr) restore;
        try
        {
            failover = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "failover", "--fault", fault, "--lab-dir", lab.Directory, "--json");
        }
        finally
        {
            restore = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "restore", "--lab-dir", lab.Directory, "--json");
        }

        Assert.True(failover.Stdout.TrimStart().StartsWith('{'), $"hakube lab failover --fault {fault} failed with exit {failover.Exit}:\n{failover.Stderr}\n{failover.Stdout}");
        Assert.True(restore.Exit == 0, $"hakube lab restore after {fault} failed with exit {restore.Exit}:\n{restore.Stderr}\n{restore.Stdout}");
        var report = HakubeCommand.Json(failover.Stdout, HakubeCommand.Context.FailoverReport);
        Assert.Equal(holder, report.OldHolder);
        return new FaultRun(holder, holder == "lb1" ? "lb2" : "lb1", report,
            HakubeCommand.Json(restore.Stdout, HakubeCommand.Context.RestoreReport), await HoldersAsync());
    }

    private async Task<IReadOnlyList<string>> HoldersAsync()
    {
        var status = await HakubeCommand.RunAsync(LabScenario.StepBound, "lab", "status", "--lab-dir", lab.Directory, "--json");
        Assert.True(status.Exit == 0, $"hakube lab status failed with exit {status.Exit}:\n{status.Stderr}\n{status.Stdout}");
        return HakubeCommand.Json(status.Stdout, HakubeCommand.Context.LabStatus).VipHolders;
    }

    private sealed record FaultRun(string Holder, string Other, FailoverReport Report, RestoreReport Restore, IReadOnlyList<string> HoldersAfter);
}
