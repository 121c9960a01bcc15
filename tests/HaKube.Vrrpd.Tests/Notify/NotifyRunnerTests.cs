using HaKube.NetLab;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Notify;
using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Tests.Notify;

/// <summary>Real scripts that append their argv to a file, run through the real <see cref="ScriptRunner"/>.</summary>
public sealed class NotifyRunnerTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly string _directory = Directory.CreateTempSubdirectory("hakube-notify-").FullName;

    public NotifyRunnerTests()
    {
        // record LOG [DELAY] ARGS...: sleeps DELAY seconds, then appends "ARGS" as one line.
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        File.WriteAllText(Record, "#!/bin/sh\nlog=$1; delay=$2; shift 2\nsleep \"$delay\"\necho \"$*\" >> \"$log\"\n");
        File.SetUnixFileMode(Record, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string Record => Path.Combine(_directory, "record");

    private string Log => Path.Combine(_directory, "log");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private NotifyScript Script(string delay, params string[] args) => new([Record, Log, delay, .. args]);

    private string[] Lines() => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    [Fact]
    public async Task ASlowNotifyMaster_IsNotOvertakenByTheFollowingBackup_AndTheGenericGetsItsArguments()
    {
        var notify = new NotifyOptions(
            Master: Script("0.5", "master"),
            Backup: Script("0", "backup"),
            Generic: Script("0", "generic"));
        await using var runner = new NotifyRunner(new ScriptRunner(), new GlobalOptions());

        runner.InstanceChanged("haproxy-vip", notify, NotifyState.Master, 102);
        runner.InstanceChanged("haproxy-vip", notify, NotifyState.Backup, 100);
        await runner.WhenIdleAsync().WaitAsync(Bound);

        Assert.Equal(
            ["master", "generic INSTANCE haproxy-vip MASTER 102", "backup", "generic INSTANCE haproxy-vip BACKUP 100"],
            Lines());
    }

    [Fact]
    public async Task InstanceChanged_ReturnsAtOnce_AndOtherInstancesAreNotHeldUp()
    {
        var slow = new NotifyOptions(Master: Script("2", "slow"));
        var fast = new NotifyOptions(Master: Script("0", "fast"));
        await using var runner = new NotifyRunner(new ScriptRunner(), new GlobalOptions());

        runner.InstanceChanged("slow-vip", slow, NotifyState.Master, 100); // must not block this thread for 2 s
        runner.InstanceChanged("fast-vip", fast, NotifyState.Master, 100);
        await Wait.UntilAsync(() => Lines().Contains("fast"), Bound, "the other instance's notify");
        Assert.DoesNotContain("slow", Lines());

        await runner.WhenIdleAsync().WaitAsync(Bound);
        Assert.Equal(["fast", "slow"], Lines());
    }

    [Fact]
    public async Task Groups_HaveTheirOwnQueue_WithGroupArguments()
    {
        var notify = new NotifyOptions(Fault: Script("0", "group-fault"), Generic: Script("0", "generic"));
        await using var runner = new NotifyRunner(new ScriptRunner(), new GlobalOptions());

        runner.GroupChanged("VG_1", notify, NotifyState.Fault);
        await runner.WhenIdleAsync().WaitAsync(Bound);

        Assert.Equal(["group-fault", "generic GROUP VG_1 FAULT 0"], Lines());
    }

    [Fact]
    public async Task AScriptPastItsTimeout_IsKilled_AndTheQueueGoesOn()
    {
        var notify = new NotifyOptions(Master: Script("30", "never"), Backup: Script("0", "backup"));
        await using var runner = new NotifyRunner(new ScriptRunner(), new GlobalOptions(), timeout: TimeSpan.FromMilliseconds(300));

        runner.InstanceChanged("vip", notify, NotifyState.Master, 100);
        runner.InstanceChanged("vip", notify, NotifyState.Backup, 100);
        await runner.WhenIdleAsync().WaitAsync(Bound);

        Assert.Equal(["backup"], Lines());
    }

    [Fact]
    public async Task AMissingProgram_IsLoggedNotThrown()
    {
        var notify = new NotifyOptions(Master: new NotifyScript(["/nonexistent/notify"]), Generic: Script("0", "generic"));
        await using var runner = new NotifyRunner(new ScriptRunner(), new GlobalOptions());

        runner.InstanceChanged("vip", notify, NotifyState.Master, 100);
        await runner.WhenIdleAsync().WaitAsync(Bound);

        Assert.Equal(["generic INSTANCE vip MASTER 100"], Lines());
    }
}
