using HaKube.Common.Daemon;
using HaKube.Common.Tests.Support;

namespace HaKube.Common.Tests.Daemon;

public sealed class RunDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Acquire_CreatesDirectoryAndWritesOurPid()
    {
        var path = _dir.File("run/vrrpd");

        using var run = RunDirectory.Acquire(path, "vrrpd");

        Assert.True(Directory.Exists(path));
        Assert.Equal(Path.Join(path, "vrrpd.pid"), run.PidFilePath);
        Assert.Equal($"{Environment.ProcessId}\n", File.ReadAllText(run.PidFilePath));
        Assert.Equal(Path.Join(path, "admin.sock"), run.AdminSocketPath);
        Assert.False(File.Exists(run.PidFilePath + ".tmp"));
    }

    [Fact]
    public void Acquire_WhileHeld_FailsNamingTheRunningPid()
    {
        using var first = RunDirectory.Acquire(_dir.Path, "tcplb");

        var e = Assert.Throws<DaemonStartupException>(() => RunDirectory.Acquire(_dir.Path, "tcplb"));

        Assert.Equal(Environment.ProcessId, e.OtherPid);
        Assert.Contains($"tcplb is already running with run directory {_dir.Path} (pid {Environment.ProcessId})", e.Message, StringComparison.Ordinal);
        Assert.Contains("--run-dir", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acquire_HeldByAnotherProcess_Fails_ThenSucceedsOnceReleased()
    {
        // flock(1) from util-linux holds the lock file the way another daemon would.
        var lockFile = Path.Join(_dir.Path, "vrrpd.lock");
        using var holder = System.Diagnostics.Process.Start("flock", ["--exclusive", lockFile, "sleep", "60"]);
        try
        {
            await Until.TrueAsync(() => RunDirectory.TryGetRunningPid(_dir.Path, "vrrpd", out _), "flock(1) holds the lock");

            var e = Assert.Throws<DaemonStartupException>(() => RunDirectory.Acquire(_dir.Path, "vrrpd"));
            Assert.Contains("vrrpd is already running", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            // sleep inherited the locked descriptor: end it too.
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
        }

        using var after = RunDirectory.Acquire(_dir.Path, "vrrpd");
    }

    [Fact]
    public void TryGetRunningPid_WhileHeld_ReturnsPid_AfterDispose_None()
    {
        var run = RunDirectory.Acquire(_dir.Path, "vrrpd");

        Assert.True(RunDirectory.TryGetRunningPid(_dir.Path, "vrrpd", out var pid));
        Assert.Equal(Environment.ProcessId, pid);

        run.Dispose();

        Assert.False(RunDirectory.TryGetRunningPid(_dir.Path, "vrrpd", out _));
        Assert.False(File.Exists(Path.Join(_dir.Path, "vrrpd.pid")));
        Assert.False(File.Exists(Path.Join(_dir.Path, "vrrpd.lock")));
    }

    [Fact]
    public void StalePidFileOfACrashedDaemon_IsNotRunning_AndIsReplaced()
    {
        File.WriteAllText(Path.Join(_dir.Path, "vrrpd.pid"), "999999\n");
        File.WriteAllText(Path.Join(_dir.Path, "vrrpd.lock"), "");

        Assert.False(RunDirectory.TryGetRunningPid(_dir.Path, "vrrpd", out _));
        using var run = RunDirectory.Acquire(_dir.Path, "vrrpd");
        Assert.Equal($"{Environment.ProcessId}\n", File.ReadAllText(run.PidFilePath));
    }

    [Fact]
    public void Acquire_DirectoryCannotBeCreated_SaysWhereAndWhatToDo()
    {
        File.WriteAllText(_dir.File("file"), "");

        var e = Assert.Throws<DaemonStartupException>(() => RunDirectory.Acquire(_dir.File("file/sub"), "vrrpd"));

        Assert.Contains("cannot create run directory", e.Message, StringComparison.Ordinal);
        Assert.Contains("--run-dir", e.Message, StringComparison.Ordinal);
    }
}
