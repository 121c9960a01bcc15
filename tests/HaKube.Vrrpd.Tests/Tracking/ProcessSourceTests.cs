using System.Collections.Concurrent;
using System.Globalization;
using HaKube.NetLab;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Tests.Platform;
using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Tests.Tracking;

/// <summary>Process trackers against real processes in lab hosts (exits through pidfds, zombies included).</summary>
public sealed class ProcessSourceTests
{
    private const int SigKill = 9;

    [Fact]
    public async Task ByPidfile_SigkilledChild_IsDownWhileStillAZombie()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        // sh exec's into a sleep that never waits for its child: the killed child stays a zombie.
        var parent = a.Start(["sh", "-c", "sleep 1000 & echo child=$!; exec sleep 1001"]);
        var line = await parent.WaitForOutputAsync(l => l.StartsWith("child=", StringComparison.Ordinal), PlatformLab.Bound);
        var child = int.Parse(line["child=".Length..], CultureInfo.InvariantCulture);
        await Wait.UntilAsync(() => ProcStat.TryRead(child, out _, out var command) && command == "sleep", PlatformLab.Bound, "the child to run sleep");
        var pidfile = Path.Combine(a.DataDirectory, "balancer.pid");
        await File.WriteAllTextAsync(pidfile, $"{child}\n");
        using var watcher = new PidfdWatcher();
        var changes = new ConcurrentQueue<TrackerStatus>();
        await using var tracker = new ProcessTracker(new ProcessTrackerSettings("balancer"), new PidfileProcessSource(pidfile, watcher), TimeProvider.System);
        tracker.Start(changes.Enqueue);
        Assert.True(tracker.Status.IsUp, tracker.Status.Detail);

        _ = Tmds.Linux.LibC.kill(child, SigKill);

        await Wait.UntilAsync(() => !tracker.Status.IsUp, PlatformLab.Bound, "the tracker to see the exit");
        Assert.True(ProcStat.TryRead(child, out var state, out _) && state == 'Z', "the child should still be an unreaped zombie");
        Assert.Equal([true, false], changes.Select(c => c.IsUp));
    }

    [Fact]
    public async Task ByName_FindsMatches_CountsQuorum_AndSeesEachExitAtOnce()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        // A unique argument so nothing else on the machine matches.
        var token = (300000 + Random.Shared.Next(100000)).ToString(CultureInfo.InvariantCulture);
        var first = a.Start(["sleep", token]);
        var second = a.Start(["sleep", token]);
        await Wait.UntilAsync(() => ProcStat.TryRead(second.Pid, out _, out var c) && c == "sleep" && ProcStat.TryRead(first.Pid, out _, out var d) && d == "sleep", PlatformLab.Bound, "both sleeps");
        using var watcher = new PidfdWatcher();
        // Long rescan interval: exits must be seen through the pidfds, not a scan.
        var source = await InNamespace.RunAsync(a, () => new ProcessNameSource(new ProcessMatch("sleep", [token], false), watcher, TimeProvider.System, TimeSpan.FromHours(1)));
        await using var tracker = new ProcessTracker(new ProcessTrackerSettings("sleepers", Quorum: 2), source, TimeProvider.System);
        tracker.Start(_ => { });
        Assert.Equal(2, source.Current.Count);
        Assert.True(tracker.Status.IsUp, tracker.Status.Detail);

        first.Signal(SigKill);

        await Wait.UntilAsync(() => !tracker.Status.IsUp, PlatformLab.Bound, "quorum lost after one of two exits");
        Assert.Equal(1, source.Current.Count);
        Assert.Contains(second.Pid.ToString(CultureInfo.InvariantCulture), source.Current.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ByName_CountsOnlyTheCallersNetworkNamespace_AndRescanFindsNewOnes()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var b = await lab.AddHostAsync("b");
        var token = (400000 + Random.Shared.Next(100000)).ToString(CultureInfo.InvariantCulture);
        var elsewhere = b.Start(["sleep", token]);
        await Wait.UntilAsync(() => ProcStat.TryRead(elsewhere.Pid, out _, out var c) && c == "sleep", PlatformLab.Bound, "b's sleep");
        using var watcher = new PidfdWatcher();
        var source = await InNamespace.RunAsync(a, () => new ProcessNameSource(new ProcessMatch("sleep", [token], false), watcher, TimeProvider.System, TimeSpan.FromMilliseconds(100)));
        await using var owned = source;
        source.Start(_ => { });
        Assert.Equal(0, source.Current.Count); // b's sleep is in another namespace: killall -0 would have said yes

        var here = a.Start(["sleep", token]);

        await Wait.UntilAsync(() => source.Current.Count == 1, PlatformLab.Bound, "the rescan to find a's new sleep");
        Assert.Contains(here.Pid.ToString(CultureInfo.InvariantCulture), source.Current.Detail, StringComparison.Ordinal);
    }
}
