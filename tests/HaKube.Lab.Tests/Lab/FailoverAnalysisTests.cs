using HaKube.Installer.Lab;

namespace HaKube.Lab.Tests.Lab;

public sealed class FailoverAnalysisTests
{
    private static readonly DateTimeOffset Kill = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ProbeRecord Probe(double msAfterKill, string kind, bool ok)
        => new() { T = Kill.AddMilliseconds(msAfterKill).ToUnixTimeMilliseconds() + msAfterKill % 1, Kind = kind, Ok = ok, Error = ok ? null : "ConnectionRefused" };

    private static FailoverObservation Observation(IReadOnlyList<ProbeRecord> probes, IReadOnlyList<AddressEvent> addresses, IReadOnlyList<string>? final = null) => new()
    {
        Mode = LabMode.Reference,
        OldHolder = "lb1",
        OtherNode = "lb2",
        KilledProcess = "haproxy",
        KilledPid = 42,
        KilledAt = Kill,
        OldMac = "02:48:4b:00:00:01",
        Macs = new Dictionary<string, string> { ["lb1"] = "02:48:4b:00:00:01", ["lb2"] = "02:48:4b:00:00:02" },
        Probes = probes,
        AddressEvents = addresses,
        NeighbourEvents =
        [
            new(Kill.AddMilliseconds(50), "02:48:4b:00:00:01", "REACHABLE"),
            new(Kill.AddMilliseconds(3010), "02:48:4b:00:00:02", "STALE"),
        ],
        FinalHolders = final ?? ["lb2"],
    };

    [Fact]
    public void Analyze_FailuresThenRecovery_GivesTheGapAndTheMoments()
    {
        var probes = new List<ProbeRecord>();
        for (var t = -100; t < 4000; t += 10)
        {
            var ok = t is < 10 or >= 3020;
            probes.Add(Probe(t, "tcp", ok));
            probes.Add(Probe(t + 1, "tls", ok || t == 1500));
        }

        var report = FailoverAnalysis.Analyze(Observation(probes, [new(Kill.AddMilliseconds(3000), "lb1", false), new(Kill.AddMilliseconds(3002), "lb2", true)]));

        Assert.Equal("lb2", report.NewHolder);
        Assert.Equal(3000, report.VipRemovedFromOldMs);
        Assert.Equal(3002, report.VipAddedToNewMs);
        Assert.Equal(3010, report.NeighbourChangedMs);
        Assert.False(report.BothHeldVip);
        Assert.Equal(301, report.Tcp.Failed);
        Assert.Equal(10, report.Tcp.FirstFailedMs);
        Assert.Equal(3020, report.Tcp.FirstSuccessAfterFailureMs);
        Assert.Equal(3010, report.Tcp.NoServiceMs);
        // A lone success in the middle of the outage: the first success comes early, full recovery later.
        Assert.Equal(1501, report.Tls.FirstSuccessAfterFailureMs);
        Assert.Equal(3021, report.Tls.RecoveredMs);
        Assert.True(report.Recovered);
        Assert.Equal(0, report.Timeline[0].Ms);
    }

    [Fact]
    public void Summarize_AProbeInFlightAtTheKill_CountsAsFailed_ButDoesNotStartTheOutage()
    {
        var probes = new[] { Probe(-40, "tls", false), Probe(-30, "tls", true), Probe(10, "tls", false), Probe(20, "tls", false), Probe(500, "tls", true) };

        var summary = FailoverAnalysis.Summarize("tls", probes, Kill);

        Assert.Equal(3, summary.Failed);
        Assert.Equal(1, summary.InFlightFailed);
        Assert.Equal(10, summary.FirstFailedMs);
        Assert.Equal(490, summary.NoServiceMs);
    }

    [Fact]
    public void Analyze_VipAddedBeforeRemoved_ReportsBothHeldAndForHowLong()
    {
        var probes = new[] { Probe(0, "tcp", true), Probe(0, "tls", true), Probe(5000, "tcp", true) };

        var report = FailoverAnalysis.Analyze(Observation(probes, [new(Kill.AddMilliseconds(3000), "lb2", true), new(Kill.AddMilliseconds(3004), "lb1", false)]));

        Assert.True(report.BothHeldVip);
        Assert.Equal(4, report.BothHeldMs);
    }

    [Fact]
    public void Analyze_VipNeverMoves_IsNotRecovered()
    {
        var probes = new[] { Probe(0, "tcp", false), Probe(0, "tls", false) };

        var report = FailoverAnalysis.Analyze(Observation(probes, [], final: ["lb1"]));

        Assert.Null(report.NewHolder);
        Assert.Null(report.NeighbourChangedMs);
        Assert.False(report.Recovered);
        Assert.False(report.Tcp.Recovered);
    }

    [Fact]
    public void Analyze_ApiserverKilled_VipStays_ReportsItAndCountsTheFailures()
    {
        var probes = new List<ProbeRecord>();
        for (var t = -100; t < 8000; t += 10)
        {
            probes.Add(Probe(t, "tcp", true));
            // One in three TLS probes lands on the dead server until the balancer marks it down at 4 s.
            probes.Add(Probe(t + 1, "tls", t < 0 || t >= 4000 || t % 30 != 0));
        }

        var report = FailoverAnalysis.Analyze(Observation(probes, [], final: ["lb1"]) with
        {
            Fault = LabFault.Apiserver,
            FaultHost = "master1",
            FaultDescription = "kube-apiserver-standin (pid 7) killed on master1 with SIGKILL",
            KilledProcess = "kube-apiserver-standin",
        });

        Assert.Null(report.NewHolder);
        Assert.False(report.VipMoved);
        Assert.False(report.VipExpectedToMove);
        Assert.Equal("master1", report.FaultHost);
        Assert.Contains(report.Timeline, e => e.What == "the VIP stays on lb1: the fault is behind the balancers");
        Assert.Equal(0, report.Tcp.Failed);
        Assert.Equal(134, report.Tls.Failed);
        Assert.Equal(134, report.Tls.FailedAfterFault);
        Assert.Equal(4000, report.Tls.DisruptionMs);
        Assert.True(report.Recovered);
    }

    [Fact]
    public void Analyze_ApiserverKilled_VipMoved_IsNotRecovered()
    {
        var probes = new[] { Probe(0, "tcp", true), Probe(0, "tls", true), Probe(2000, "tcp", true), Probe(2000, "tls", true) };

        var report = FailoverAnalysis.Analyze(Observation(probes, [new(Kill.AddMilliseconds(100), "lb2", true)]) with { Fault = LabFault.Apiserver });

        Assert.True(report.VipMoved);
        Assert.False(report.Recovered);
        Assert.Contains(report.Timeline, e => e.What.StartsWith("the VIP did not stay on lb1", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_NodeCutOff_ItsCopyOfTheVip_IsNotOnBoth()
    {
        var probes = new[] { Probe(0, "tcp", true), Probe(0, "tls", true), Probe(5000, "tcp", true) };

        // The isolated node never removes the VIP; the peer takes it at 3.6 s.
        var report = FailoverAnalysis.Analyze(Observation(probes, [new(Kill.AddMilliseconds(3600), "lb2", true)], final: ["lb1", "lb2"]) with
        {
            Fault = LabFault.Node,
            IsolatedNode = "lb1",
            KilledProcess = "eth0 link",
            KilledPid = null,
        });

        Assert.Equal("lb2", report.NewHolder);
        Assert.False(report.BothHeldVip);
        Assert.Equal(0, report.BothHeldMs);
        Assert.False(report.VipOnBothAtEnd);
        Assert.Null(report.KilledPid);
    }

    [Fact]
    public void Analyze_VrrpKilled_VipLeftBehind_IsOnBothAtTheEnd()
    {
        var probes = new[] { Probe(0, "tcp", true), Probe(0, "tls", true), Probe(5000, "tcp", true) };

        var report = FailoverAnalysis.Analyze(Observation(probes, [new(Kill.AddMilliseconds(3600), "lb2", true)], final: ["lb1", "lb2"]) with { Fault = LabFault.VrrpKill });

        Assert.True(report.BothHeldVip);
        Assert.Equal(1400, report.BothHeldMs);
        Assert.True(report.VipOnBothAtEnd);
    }

    [Fact]
    public void Analyze_VrrpdKilled_ItsReleaseIsInTheTimeline_AndTheVipNeverOnBoth()
    {
        var probes = new[] { Probe(0, "tcp", true), Probe(0, "tls", true), Probe(5000, "tcp", true) };
        var release = new StackAction(Kill.AddMilliseconds(420), "lb1", "vrrpd (pid 42) ended with exit 137; `vrrpd --release` on lb1 (the unit's ExecStopPost) exited 0: ...");

        var report = FailoverAnalysis.Analyze(Observation(probes, [new(Kill.AddMilliseconds(400), "lb1", false), new(Kill.AddMilliseconds(405), "lb2", true)]) with
        {
            Mode = LabMode.HaKube,
            Fault = LabFault.VrrpKill,
            StackActions = [release],
        });

        Assert.Contains(new TimelineEntry(420, release.What), report.Timeline);
        Assert.False(report.BothHeldVip);
        Assert.False(report.VipOnBothAtEnd);
        Assert.Equal((400, 405), (report.VipRemovedFromOldMs, report.VipAddedToNewMs));
    }

    [Fact]
    public void OldHolderRemovesVip_AfterVrrpKill_OnlyWithAReleaseOnExit()
    {
        Assert.True(LabFaults.OldHolderRemovesVip(LabFault.VrrpKill, releasesOnExit: true));
        Assert.False(LabFaults.OldHolderRemovesVip(LabFault.VrrpKill, releasesOnExit: false));
        Assert.True(LabFaults.OldHolderRemovesVip(LabFault.VrrpTerm, releasesOnExit: false));
        Assert.False(LabFaults.OldHolderRemovesVip(LabFault.Node, releasesOnExit: true));
    }

    [Fact]
    public void Disruption_NoFailureAfterTheFault_IsZero_NeverRecovered_IsNull()
    {
        var passed = FailoverAnalysis.Summarize("tls", [Probe(-10, "tls", false), Probe(10, "tls", true)], Kill);
        var failed = FailoverAnalysis.Summarize("tls", [Probe(10, "tls", true), Probe(20, "tls", false)], Kill);

        Assert.Equal(0, passed.DisruptionMs);
        Assert.Null(failed.DisruptionMs);
    }
}
