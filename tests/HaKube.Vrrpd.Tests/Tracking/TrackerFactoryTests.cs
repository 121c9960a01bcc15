using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Tests.Configuration;
using HaKube.Vrrpd.Tracking;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Vrrpd.Tests.Tracking;

public sealed class TrackerFactoryTests : IDisposable
{
    private readonly PidfdWatcher _pidfds = new();

    public void Dispose() => _pidfds.Dispose();

    private sealed class NoRunner : IScriptRunner
    {
        public Task<ScriptResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, string? user = null, string? group = null,
            IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private TrackerServices Services() => new(new NoRunner(), new FakeLinks(), _pidfds, TimeProvider.System, NullLoggerFactory.Instance);

    private static VrrpdOptions Options(VrrpInstanceOptions instance) => new(
        Global: new GlobalOptions(ScriptUser: "keepalived_script", ScriptGroup: "nogroup"),
        TrackScripts: [new TrackScriptOptions("chk_haproxy", ["killall", "-0", "haproxy"], Interval: 2, Weight: 2, Rise: 3, Fall: 4)],
        TrackProcesses: [new TrackProcessOptions("haproxy", PidFile: "/run/haproxy.pid", Weight: 0), new TrackProcessOptions("by-name", ProcessName: "haproxy", Quorum: 2)],
        TrackFiles: [new TrackFileOptions("maint", "/tmp/hakube-maint", Weight: -10)],
        TrackTcplb: [new TcplbTrackerOptions("tcplb", "/run/tcplb/admin.sock")],
        Instances: [instance]);

    [Fact]
    public async Task EveryReference_BecomesATracker_WithItsWeightOverride()
    {
        var instance = new VrrpInstanceOptions(
            Name: "vip", Interface: "eth0", VirtualRouterId: 60,
            TrackScripts: [new TrackReference("chk_haproxy", Weight: -30, WeightReverse: true)],
            TrackInterfaces: [new TrackReference("eth1", Weight: -5)],
            TrackProcesses: [new TrackReference("haproxy"), new TrackReference("by-name", Weight: 7)],
            TrackFiles: [new TrackReference("maint", Weight: 0)],
            TrackTcplb: [new TrackReference("tcplb", Weight: -80)]);

        var trackers = TrackerFactory.Create(Options(instance), instance, Services());
        try
        {
            Assert.Equal(
                [(typeof(InterfaceTracker), "eth0"), (typeof(ScriptTracker), "chk_haproxy"), (typeof(InterfaceTracker), "eth1"),
                 (typeof(ProcessTracker), "haproxy"), (typeof(ProcessTracker), "by-name"), (typeof(FileTracker), "maint"), (typeof(BalancerTracker), "tcplb")],
                trackers.Select(t => (t.GetType(), t.Name)));
            var script = (ScriptTracker)trackers[1];
            Assert.Equal((-30, true), (script.Settings.Weight, script.Settings.WeightReverse));
            Assert.Equal((3, 4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)), (script.Settings.Rise, script.Settings.Fall, script.Settings.Interval, script.Settings.Timeout));
            Assert.Equal(("keepalived_script", "nogroup"), (script.Settings.User, script.Settings.Group));
            Assert.Equal(0, trackers[0].Status.Weight); // the primary interface: fault when down
            Assert.Equal(-5, trackers[2].Status.Weight);
            Assert.Equal(0, trackers[3].Status.Weight);
            Assert.Equal(7, trackers[4].Status.Weight);
            Assert.Equal(0, trackers[5].Status.Weight); // a file at weight 0: fault while non-zero
            Assert.Equal(-80, ((BalancerTracker)trackers[6]).Settings.NoHealthyBackendWeight);
            Assert.Equal(0, trackers[6].Status.Weight); // not connected yet: a fault until tcplb says otherwise
        }
        finally
        {
            foreach (var tracker in trackers)
            {
                await tracker.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData(null, null, -20, true)] // chk_rev
    [InlineData(-5, null, -5, true)] // chk_rev weight -5: the definition's reverse stays
    [InlineData(-5, false, -5, false)] // chk_rev weight -5 noreverse
    [InlineData(-5, true, -5, true)] // chk_rev weight -5 reverse
    public void EffectiveWeight_TheReferencesWeightAndFlag_ElseTheDefinitions(int? weight, bool? reverse, int expectedWeight, bool expectedReverse)
        => Assert.Equal((expectedWeight, expectedReverse), TrackerFactory.EffectiveWeight(new TrackReference("chk_rev", weight, reverse), -20, true));

    [Fact]
    public async Task KeepalivedConf_WeightWithoutReverse_KeepsTheScriptsReverse_GivingKeepalivedsPriorities()
    {
        // Keepalived 2.2.7, script failing, base 100: "chk_rev weight -5" advertised 105 (its data dump: "weight -5
        // reverse"), "weight -5 noreverse" 95, "chk_rev" alone 120.
        var options = TestConfig.LoadText("""
            vrrp_script chk_rev {
              script /bin/false
              weight -20 reverse
            }

            """ + TestConfig.Instance("  track_script {\n    chk_rev weight -5\n  }", name: "VI_1", vrid: 71)
            + "\n" + TestConfig.Instance("  track_script {\n    chk_rev weight -5 noreverse\n  }", name: "VI_2", vrid: 72)
            + "\n" + TestConfig.Instance("  track_script {\n    chk_rev\n  }", name: "VI_3", vrid: 73) + "\n").Result.Clean();

        List<int?> priorities = [];
        foreach (var instance in options.Instances)
        {
            var trackers = TrackerFactory.Create(options, instance with { DontTrackPrimary = true }, Services());
            var script = (ScriptTracker)Assert.Single(trackers);
            priorities.Add(EffectivePriority.Compute(100, [script.Status with { IsUp = false }], out _));
            await script.DisposeAsync();
        }

        Assert.Equal([105, 95, 120], priorities);
    }

    [Fact]
    public void KeepalivedConf_ProcessAndFileReferences_KeepTheDefinitionsReverseToo()
    {
        var options = TestConfig.LoadText("""
            vrrp_track_process proc {
              process haproxy
              weight -10 reverse
            }
            track_file tf {
              file /tmp/hakube-maint
              weight -10 reverse
            }

            """ + TestConfig.Instance("  track_process {\n    proc weight 3\n  }\n  track_file {\n    tf weight 4\n  }") + "\n").Result.Clean();

        var instance = options.Instances[0];
        Assert.Equal((3, true), TrackerFactory.EffectiveWeight(instance.TrackProcesses[0], options.TrackProcesses[0].Weight, options.TrackProcesses[0].WeightReverse));
        Assert.Equal((4, true), TrackerFactory.EffectiveWeight(instance.TrackFiles[0], options.TrackFiles[0].Weight, options.TrackFiles[0].WeightReverse));
    }

    [Fact]
    public void DontTrackPrimary_OrAnExplicitEntry_AddsNoSecondInterfaceTracker()
    {
        var dont = new VrrpInstanceOptions(Name: "vip", Interface: "eth0", DontTrackPrimary: true);
        Assert.Empty(TrackerFactory.Create(Options(dont), dont, Services()));

        var explicitly = new VrrpInstanceOptions(Name: "vip", Interface: "eth0", TrackInterfaces: [new TrackReference("eth0", Weight: -20)]);
        var tracker = Assert.Single(TrackerFactory.Create(Options(explicitly), explicitly, Services()));
        Assert.Equal(-20, tracker.Status.Weight);
    }

    [Fact]
    public void UndefinedReference_Throws()
    {
        var instance = new VrrpInstanceOptions(Name: "vip", Interface: "eth0", TrackScripts: [new TrackReference("nope")]);
        Assert.Throws<InvalidOperationException>(() => TrackerFactory.Create(Options(instance), instance, Services()));
    }

    [Fact]
    public void ProcessSources_CanBeReplaced()
    {
        var instance = new VrrpInstanceOptions(Name: "vip", Interface: "eth0", DontTrackPrimary: true, TrackProcesses: [new TrackReference("by-name")]);
        var asked = new List<string>();
        var services = Services() with { ProcessSources = p => { asked.Add(p.Name); return new PidfileProcessSource("/nonexistent/x.pid", _pidfds); } };
        Assert.Single(TrackerFactory.Create(Options(instance), instance, services));
        Assert.Equal(["by-name"], asked);
    }
}
