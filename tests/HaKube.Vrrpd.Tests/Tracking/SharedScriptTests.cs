using System.Collections.Concurrent;
using HaKube.NetLab;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Vrrpd.Tests.Tracking;

/// <summary>A vrrp_script referenced by several instances runs once per interval (as Keepalived), each instance applying its own weight.</summary>
public sealed class SharedScriptTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly PidfdWatcher _pidfds = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("hakube-shared-script-").FullName;

    private string RunLog => Path.Combine(_directory, "runs");

    private string Broken => Path.Combine(_directory, "broken");

    public void Dispose()
    {
        _pidfds.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task TwoInstances_OneScript_RunsOncePerInterval_AndBothSeeTheChangeWithTheirOwnWeight()
    {
        var time = new FakeTimeProvider();
        var services = new TrackerServices(new ScriptRunner(), new FakeLinks(), _pidfds, time, NullLoggerFactory.Instance);
        // Each run appends a line; it fails while the "broken" file exists.
        var script = new TrackScriptOptions("chk_balancer", ["/bin/sh", "-c", $"echo run >> {RunLog}; test ! -e {Broken}"], Interval: 2, Weight: 2);
        var va = Instance("va", new TrackReference("chk_balancer", Weight: -10));
        var vb = Instance("vb", new TrackReference("chk_balancer", Weight: -30));
        var options = new VrrpdOptions(TrackScripts: [script], Instances: [va, vb]);

        var a = Assert.Single(TrackerFactory.Create(options, va, services));
        var b = Assert.Single(TrackerFactory.Create(options, vb, services));
        var changesA = new ConcurrentQueue<TrackerStatus>();
        var changesB = new ConcurrentQueue<TrackerStatus>();
        try
        {
            Assert.Equal(1, services.ScriptProbes.Count);
            a.Start(changesA.Enqueue);
            b.Start(changesB.Enqueue);
            await Task.WhenAll(a.Initialized, b.Initialized).WaitAsync(Bound);
            await Wait.UntilAsync(() => Runs() == 1, Bound, "the first run, once for both instances");

            const int Intervals = 5;
            for (var i = 1; i <= Intervals; i++)
            {
                time.Advance(Interval);
                var expected = 1 + i;
                await Wait.UntilAsync(() => Runs() >= expected, Bound, $"run {expected}");
            }

            Assert.Equal(1 + Intervals, Runs()); // not twice as many: one run per interval for both instances
            Assert.Empty(changesA);
            Assert.Empty(changesB);
            Assert.True(a.Status.IsUp && b.Status.IsUp);

            await File.WriteAllTextAsync(Broken, "");
            time.Advance(Interval);
            await Wait.UntilAsync(() => !changesA.IsEmpty && !changesB.IsEmpty, Bound, "both instances to see the script fail");

            Assert.Equal(2 + Intervals, Runs());
            var downA = Assert.Single(changesA);
            var downB = Assert.Single(changesB);
            Assert.Equal((false, -10), (downA.IsUp, downA.Weight));
            Assert.Equal((false, -30), (downB.IsUp, downB.Weight));
            Assert.Equal(90, EffectivePriority.Compute(100, [a.Status], out _));
            Assert.Equal(70, EffectivePriority.Compute(100, [b.Status], out _));

            await a.DisposeAsync();
            Assert.Equal(1, services.ScriptProbes.Count); // vb still tracks it
            await b.DisposeAsync();
            Assert.Equal(0, services.ScriptProbes.Count);
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }

        // Stopped with its last instance: no more runs.
        var runs = Runs();
        time.Advance(Interval * 3);
        Assert.Equal(runs, Runs());
    }

    [Fact]
    public async Task AnInstanceAddedLater_JoinsTheRunningScript_AtItsCurrentState()
    {
        var time = new FakeTimeProvider();
        var services = new TrackerServices(new ScriptRunner(), new FakeLinks(), _pidfds, time, NullLoggerFactory.Instance);
        await File.WriteAllTextAsync(Broken, "");
        var script = new TrackScriptOptions("chk_balancer", ["/bin/sh", "-c", $"echo run >> {RunLog}; test ! -e {Broken}"], Interval: 2, Weight: -20);
        var va = Instance("va", new TrackReference("chk_balancer"));
        var vb = Instance("vb", new TrackReference("chk_balancer"));
        var options = new VrrpdOptions(TrackScripts: [script], Instances: [va, vb]);

        await using var a = Assert.Single(TrackerFactory.Create(options, va, services));
        a.Start(_ => { });
        await a.Initialized.WaitAsync(Bound);
        Assert.False(a.Status.IsUp);

        // A reload that starts a new instance: it shares the running script and is initialised at once.
        await using var b = Assert.Single(TrackerFactory.Create(options, vb, services));
        Assert.True(b.Initialized.IsCompleted);
        Assert.False(b.Status.IsUp);
        Assert.Equal(1, services.ScriptProbes.Count);
        b.Start(_ => { });
        Assert.Equal(1, Runs());
    }

    [Fact]
    public void ScriptsThatDifferInMoreThanWeight_AreNotShared()
    {
        var settings = new ScriptTrackerSettings("chk", ["true"], Interval, Interval, 1, 1, Weight: 2);
        Assert.Equal(ScriptProbe.KeyOf(settings), ScriptProbe.KeyOf(settings with { Weight = -50, WeightReverse = true, Argv = ["true"] }));
        Assert.NotEqual(ScriptProbe.KeyOf(settings), ScriptProbe.KeyOf(settings with { Argv = ["false"] }));
        Assert.NotEqual(ScriptProbe.KeyOf(settings), ScriptProbe.KeyOf(settings with { Interval = TimeSpan.FromSeconds(3) }));
        Assert.NotEqual(ScriptProbe.KeyOf(settings), ScriptProbe.KeyOf(settings with { Fall = 3 }));
    }

    private int Runs() => File.Exists(RunLog) ? File.ReadAllLines(RunLog).Length : 0;

    private static VrrpInstanceOptions Instance(string name, TrackReference script) =>
        new(Name: name, Interface: "eth0", VirtualRouterId: 60, DontTrackPrimary: true, TrackScripts: [script]);
}
