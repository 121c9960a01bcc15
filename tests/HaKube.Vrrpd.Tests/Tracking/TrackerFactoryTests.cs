using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Platform;
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

    [Fact]
    public void EffectiveWeight_OverrideCarriesItsOwnReverse()
    {
        Assert.Equal((2, false), TrackerFactory.EffectiveWeight(new TrackReference("s"), 2, false));
        Assert.Equal((2, true), TrackerFactory.EffectiveWeight(new TrackReference("s"), 2, true));
        Assert.Equal((-5, false), TrackerFactory.EffectiveWeight(new TrackReference("s", -5), 2, true));
        Assert.Equal((-5, true), TrackerFactory.EffectiveWeight(new TrackReference("s", -5, true), 2, false));
    }
}
