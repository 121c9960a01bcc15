using System.Collections.Concurrent;
using System.Globalization;
using HaKube.NetLab;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tests.Platform;

public sealed class PidfileTrackerTests
{
    private const int SigKill = 9;

    /// <summary>Starts sleep and returns once it is sleep (not still setsid / nsenter), as a daemon writes its pidfile once it runs.</summary>
    private static async Task<LabProcess> StartSleepAsync(LabHost host, string seconds)
    {
        var process = host.Start(["sleep", seconds]);
        await Wait.UntilAsync(() => ProcStat.TryRead(process.Pid, out _, out var command) && command == "sleep", PlatformLab.Bound, "sleep to run");
        return process;
    }

    [Fact]
    public async Task Tracker_ReportsExitAtOnce_AndANewProcessWhenThePidfileIsRewritten()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var pidfile = Path.Combine(a.DataDirectory, "run", "balancer.pid");
        Directory.CreateDirectory(Path.GetDirectoryName(pidfile)!);
        var first = await StartSleepAsync(a, "1000");
        await File.WriteAllTextAsync(pidfile, first.Pid.ToString(CultureInfo.InvariantCulture));
        using var watcher = new PidfdWatcher();
        using var tracker = new PidfileTracker(pidfile, "sleep", watcher);
        var changes = new ConcurrentQueue<ProcessStateChange>();
        tracker.Changed += (_, change) => changes.Enqueue(change);

        tracker.Start();
        Assert.True(tracker.Current.IsRunning, tracker.Current.Detail);
        Assert.Equal(first.Pid, tracker.Current.Pid);

        first.Signal(SigKill);
        await Wait.UntilAsync(() => changes.Any(c => !c.IsRunning), PlatformLab.Bound, "the exit reported");
        Assert.False(tracker.Current.IsRunning);

        var second = await StartSleepAsync(a, "1001");
        await File.WriteAllTextAsync(pidfile, second.Pid.ToString(CultureInfo.InvariantCulture) + "\n");
        await Wait.UntilAsync(() => changes.Any(c => c.IsRunning && c.Pid == second.Pid), PlatformLab.Bound, "the new process reported");

        File.Delete(pidfile);
        await Wait.UntilAsync(() => tracker.Current.Absence == ProcessAbsence.PidfileMissing, PlatformLab.Bound, "the pidfile's removal reported");
    }

    [Fact]
    public void Tracker_WithoutPidfile_StartsNotRunning()
    {
        using var watcher = new PidfdWatcher();
        using var tracker = new PidfileTracker(Path.Combine(Path.GetTempPath(), $"hakube-none-{Guid.NewGuid():N}", "x.pid"), null, watcher);
        ProcessStateChange? first = null;
        tracker.Changed += (_, change) => first = change;

        tracker.Start();

        Assert.NotNull(first);
        Assert.False(first.IsRunning);
        Assert.Equal(ProcessAbsence.PidfileMissing, first.Absence);
    }
}
