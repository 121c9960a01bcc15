using System.Runtime.InteropServices;
using HaKube.Common.Daemon;
using HaKube.Common.Tests.Support;

namespace HaKube.Common.Tests.Daemon;

[Collection(ProcessWideState.Name)]
public sealed partial class DaemonSignalsTests
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    private const int SIGHUP = 1;
    private const int SIGTERM = 15;

    [Theory]
    [InlineData(PosixSignal.SIGTERM, "SIGTERM")]
    [InlineData(PosixSignal.SIGINT, "SIGINT")]
    public void StopSignal_CancelsStopping_WithReason_AndKeepsProcessAlive(PosixSignal signal, string reason)
    {
        using var signals = new DaemonSignals();
        var context = new PosixSignalContext(signal);

        signals.OnSignal(context);

        Assert.True(context.Cancel);
        Assert.True(signals.Stopping.IsCancellationRequested);
        Assert.Equal(reason, signals.StopReason);
    }

    [Fact]
    public void SecondStop_KeepsTheFirstReason()
    {
        using var signals = new DaemonSignals();

        Assert.True(signals.RequestStop("maintenance"));
        signals.OnSignal(new PosixSignalContext(PosixSignal.SIGTERM));

        Assert.Equal("maintenance", signals.StopReason);
    }

    [Fact]
    public async Task RealSighup_QueuesAReload_AndDoesNotStop()
    {
        using var signals = new DaemonSignals();

        Assert.Equal(0, kill(Environment.ProcessId, SIGHUP));

        var reload = await Until.DoneAsync(signals.Reloads.ReadAsync().AsTask(), "reload after SIGHUP");
        Assert.Equal("SIGHUP", reload.Source);
        Assert.False(signals.Stopping.IsCancellationRequested);
    }

    [Fact]
    public async Task RealSigterm_StopsGracefully_WithoutKillingTheProcess()
    {
        using var signals = new DaemonSignals();
        var stopped = new TaskCompletionSource();
        using var registration = signals.Stopping.Register(stopped.SetResult);

        Assert.Equal(0, kill(Environment.ProcessId, SIGTERM));

        await Until.DoneAsync(stopped.Task, "Stopping cancelled by SIGTERM");
        Assert.Equal("SIGTERM", signals.StopReason);
    }

    [Fact]
    public async Task ReloadsWhilePending_AreMergedIntoOne()
    {
        using var signals = new DaemonSignals();

        Assert.True(signals.RequestReload("admin"));
        Assert.False(signals.RequestReload("SIGHUP"));

        Assert.Equal("admin", (await signals.Reloads.ReadAsync()).Source);
        Assert.False(signals.Reloads.TryRead(out _));
        Assert.True(signals.RequestReload("SIGHUP"));
    }
}
