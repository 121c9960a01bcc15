using System.Globalization;
using HaKube.Common.Systemd;
using HaKube.Common.Tests.Support;

namespace HaKube.Common.Tests.Systemd;

// sd_notify(3): newline-separated assignments, one datagram per call, to $NOTIFY_SOCKET.
[Collection(ProcessWideState.Name)]
public sealed class SystemdNotifierTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static SystemdNotifier NotifierFor(string? notifySocket)
    {
        var saved = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", notifySocket);
        try
        {
            return new SystemdNotifier();
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", saved);
        }
    }

    [Fact]
    public async Task Ready_WithStatus_SendsBothInOneDatagram()
    {
        using var systemd = new NotifySocketListener(_dir.File("notify"));
        var notifier = NotifierFor(systemd.Address);

        Assert.True(notifier.IsEnabled);
        Assert.True(notifier.Ready("2 instances, sockets open"));

        Assert.Equal("READY=1\nSTATUS=2 instances, sockets open", await systemd.ReceiveAsync());
    }

    [Fact]
    public async Task StatusStoppingWatchdog_SendTheirAssignments()
    {
        using var systemd = new NotifySocketListener(_dir.File("notify"));
        var notifier = NotifierFor(systemd.Address);

        notifier.Status("MASTER on eth0");
        notifier.Stopping();
        notifier.Watchdog();

        Assert.Equal("STATUS=MASTER on eth0", await systemd.ReceiveAsync());
        Assert.Equal("STOPPING=1", await systemd.ReceiveAsync());
        Assert.Equal("WATCHDOG=1", await systemd.ReceiveAsync());
    }

    [Fact]
    public async Task Status_WithNewlines_CannotInjectAnotherAssignment()
    {
        using var systemd = new NotifySocketListener(_dir.File("notify"));
        var notifier = NotifierFor(systemd.Address);

        notifier.Status("line one\nREADY=1");

        Assert.Equal("STATUS=line one READY=1", await systemd.ReceiveAsync());
    }

    [Fact]
    public async Task Reloading_CarriesMonotonicUsecOfNow()
    {
        using var systemd = new NotifySocketListener(_dir.File("notify"));
        var notifier = NotifierFor(systemd.Address);

        // Environment.TickCount64 reads CLOCK_MONOTONIC(_COARSE) in ms on Linux: an independent clock to compare with.
        var before = (Environment.TickCount64 - 1000) * 1000;
        notifier.Reloading();
        var after = (Environment.TickCount64 + 1000) * 1000;

        var lines = (await systemd.ReceiveAsync()).Split('\n');
        Assert.Equal("RELOADING=1", lines[0]);
        Assert.StartsWith("MONOTONIC_USEC=", lines[1], StringComparison.Ordinal);
        var usec = long.Parse(lines[1]["MONOTONIC_USEC=".Length..], CultureInfo.InvariantCulture);
        Assert.InRange(usec, before, after);
    }

    [Fact]
    public async Task AbstractSocketAddress_IsReached()
    {
        using var systemd = new NotifySocketListener("@hakube-test-" + Guid.NewGuid().ToString("N"));
        var notifier = NotifierFor(systemd.Address);

        notifier.Ready();

        Assert.Equal("READY=1", await systemd.ReceiveAsync());
    }

    [Fact]
    public void NoNotifySocket_IsANoOp()
    {
        var notifier = NotifierFor(null);

        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.Ready("x"));
        Assert.False(notifier.Watchdog());
    }

    [Fact]
    public void ManagerGone_SendReportsFailureInsteadOfThrowing()
    {
        var notifier = NotifierFor(_dir.File("nobody-listens"));

        Assert.True(notifier.IsEnabled);
        Assert.False(notifier.Ready());
    }
}
