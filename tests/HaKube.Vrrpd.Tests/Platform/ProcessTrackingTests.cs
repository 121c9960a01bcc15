using System.Globalization;
using HaKube.NetLab;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tests.Platform;

public sealed class ProcessTrackingTests
{
    private const int SigKill = 9;

    /// <summary>
    /// Starts `sleep` as the child of a parent that never waits (sh exec'ing sleep), so once killed the child
    /// stays a zombie: the case where kill -0 still succeeds and only a pidfd or /proc's state tells the truth.
    /// </summary>
    private static async Task<(LabProcess Parent, int Child)> StartUnreapedChildAsync(LabHost host)
    {
        var parent = host.Start(["sh", "-c", "sleep 1000 & echo child=$!; exec sleep 1001"]);
        var line = await parent.WaitForOutputAsync(l => l.StartsWith("child=", StringComparison.Ordinal), PlatformLab.Bound);
        var child = int.Parse(line["child=".Length..], CultureInfo.InvariantCulture);
        // The forked shell becomes sleep only once it has exec'd.
        await Wait.UntilAsync(() => ProcStat.TryRead(child, out _, out var command) && command == "sleep", PlatformLab.Bound, "the child to run sleep");
        return (parent, child);
    }

    [Fact]
    public async Task Pidfd_FiresOnSigkill_WhileTheProcessIsStillAZombie()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var (_, child) = await StartUnreapedChildAsync(a);
        var pidfile = Path.Combine(a.DataDirectory, "sleep.pid");
        await File.WriteAllTextAsync(pidfile, $"{child}\n");
        using var watcher = new PidfdWatcher();
        var probe = ProcessProbe.FromPidfile(pidfile, "sleep");
        Assert.True(probe.IsRunning, probe.Detail);
        using var process = probe.Process!;
        var exited = process.WaitForExitAsync(watcher);
        Assert.False(exited.IsCompleted);

        _ = Tmds.Linux.LibC.kill(child, SigKill);

        await exited.WaitAsync(PlatformLab.Bound);
        Assert.True(ProcStat.TryRead(child, out var state, out _), "the parent never reaps it, so /proc still lists it");
        Assert.Equal('Z', state);
        var again = ProcessProbe.FromPidfile(pidfile, "sleep");
        Assert.False(again.IsRunning);
        Assert.Equal(ProcessAbsence.Exited, again.Absence);
    }

    [Fact]
    public async Task Pidfd_FiresWhenALabProcessIsKilled()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var sleeper = a.Start(["sleep", "1000"]);
        using var watcher = new PidfdWatcher();
        var probe = ProcessProbe.FromPid(sleeper.Pid);
        Assert.True(probe.IsRunning, probe.Detail);
        using var process = probe.Process!;
        var exited = process.WaitForExitAsync(watcher);

        sleeper.Signal(SigKill);

        await exited.WaitAsync(PlatformLab.Bound);
    }

    [Fact]
    public async Task Wait_IsCancellable_AndOtherWaitsStillFire()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var first = a.Start(["sleep", "1000"]);
        var second = a.Start(["sleep", "1001"]);
        using var watcher = new PidfdWatcher();
        using var p1 = ProcessProbe.FromPid(first.Pid).Process!;
        using var p2 = ProcessProbe.FromPid(second.Pid).Process!;
        using var cts = new CancellationTokenSource();
        var cancelled = p1.WaitForExitAsync(watcher, cts.Token);
        var fired = p2.WaitForExitAsync(watcher);

        await cts.CancelAsync();
        second.Signal(SigKill);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(PlatformLab.Bound));
        await fired.WaitAsync(PlatformLab.Bound);
    }

    [Fact]
    public void Probe_MissingPidfile_IsPidfileMissing()
    {
        var result = ProcessProbe.FromPidfile(Path.Combine(Path.GetTempPath(), $"hakube-no-such-{Guid.NewGuid():N}.pid"));

        Assert.Equal(ProcessAbsence.PidfileMissing, result.Absence);
        Assert.False(result.IsRunning);
    }

    [Fact]
    public void Probe_GarbagePidfile_IsPidfileInvalid()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a pid\n");
            Assert.Equal(ProcessAbsence.PidfileInvalid, ProcessProbe.FromPidfile(path).Absence);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Probe_StalePid_IsNoSuchProcess()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        var done = a.Start(["true"]);
        await done.WaitForExitAsync(PlatformLab.Bound);

        Assert.Equal(ProcessAbsence.NoSuchProcess, ProcessProbe.FromPid(done.Pid).Absence);
    }

    [Fact]
    public void Probe_PidOfAnotherProgram_IsOtherProgram()
    {
        var result = ProcessProbe.FromPid(Environment.ProcessId, "haproxy");

        Assert.Equal(ProcessAbsence.OtherProgram, result.Absence);
        Assert.Contains("haproxy", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("42 (sleep) S 1 42", 'S', "sleep")]
    [InlineData("43 (a) (b) Z 1 43", 'Z', "a) (b")]
    public void ProcStat_ParsesStateAfterTheLastParenthesis(string text, char state, string command)
    {
        Assert.True(ProcStat.TryParse(text, out var s, out var c));
        Assert.Equal(state, s);
        Assert.Equal(command, c);
    }
}
