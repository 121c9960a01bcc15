using HaKube.Common.Systemd;
using HaKube.Common.Tests.Support;
using ISystemdNotifier = Microsoft.Extensions.Hosting.Systemd.ISystemdNotifier;
using ServiceState = Microsoft.Extensions.Hosting.Systemd.ServiceState;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Common.Tests.Systemd;

public sealed class SystemdWatchdogTests
{
    [Theory]
    [InlineData("30000000", null, 30.0)]
    [InlineData("30000000", "4242", 30.0)]
    [InlineData("500000", "", 0.5)]
    public void ParseInterval_ForThisProcess_IsWatchdogSec(string usec, string? pid, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SystemdWatchdog.ParseInterval(usec, pid, 4242));

    [Theory]
    [InlineData(null, null)]
    [InlineData("0", null)]
    [InlineData("abc", null)]
    [InlineData("-5", null)]
    [InlineData("30000000", "1")]
    [InlineData("30000000", "x")]
    public void ParseInterval_UnsetOrForAnotherProcess_IsNull(string? usec, string? pid) =>
        Assert.Null(SystemdWatchdog.ParseInterval(usec, pid, 4242));

    [Fact]
    public async Task Run_PingsAtStartAndEveryHalfInterval_OnlyWhileHealthy()
    {
        var transport = new RecordingNotifier();
        var time = new FakeTimeProvider();
        var healthy = true;
        var checks = 0;
        var watchdog = new SystemdWatchdog(new SystemdNotifier(transport), TimeSpan.FromSeconds(10), () =>
        {
            Interlocked.Increment(ref checks);
            return Volatile.Read(ref healthy);
        }, time);
        using var stop = new CancellationTokenSource();
        var run = watchdog.RunAsync(stop.Token);

        // Tick 1 at once; tick 2 after half the interval.
        await Until.TrueAsync(() => transport.Count == 1, "first ping at start");
        time.Advance(TimeSpan.FromSeconds(5));
        await Until.TrueAsync(() => transport.Count == 2, "ping after WatchdogSec/2");

        // Unhealthy tick: checked, not pinged. The next check proves the unhealthy iteration has finished.
        Volatile.Write(ref healthy, false);
        time.Advance(TimeSpan.FromSeconds(5));
        await Until.TrueAsync(() => Volatile.Read(ref checks) == 3, "third health check");
        Volatile.Write(ref healthy, true);
        time.Advance(TimeSpan.FromSeconds(5));
        await Until.TrueAsync(() => Volatile.Read(ref checks) == 4, "fourth health check");
        await Until.TrueAsync(() => transport.Count == 3, "ping after recovery");

        await stop.CancelAsync();
        await Until.DoneAsync(run, "watchdog stops on cancellation");
        Assert.All(transport.Messages, m => Assert.Equal("WATCHDOG=1", m));
    }

    [Fact]
    public async Task Run_HealthCheckThrows_CountsAsUnhealthy()
    {
        var transport = new RecordingNotifier();
        var time = new FakeTimeProvider();
        var checks = 0;
        var watchdog = new SystemdWatchdog(new SystemdNotifier(transport), TimeSpan.FromSeconds(2), () =>
            Interlocked.Increment(ref checks) == 1 ? throw new InvalidOperationException("probe broke") : true, time);
        using var stop = new CancellationTokenSource();
        var run = watchdog.RunAsync(stop.Token);

        await Until.TrueAsync(() => Volatile.Read(ref checks) == 1, "first check");
        time.Advance(TimeSpan.FromSeconds(1));
        await Until.TrueAsync(() => transport.Count == 1, "ping once the check stops throwing");

        await stop.CancelAsync();
        await Until.DoneAsync(run, "watchdog stops");
        Assert.Equal(2, Volatile.Read(ref checks));
    }

    private sealed class RecordingNotifier : ISystemdNotifier
    {
        private readonly List<string> _messages = [];

        public bool IsEnabled => true;

        public int Count
        {
            get
            {
                lock (_messages)
                {
                    return _messages.Count;
                }
            }
        }

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public void Notify(ServiceState state)
        {
            lock (_messages)
            {
                _messages.Add(state.ToString());
            }
        }
    }
}
