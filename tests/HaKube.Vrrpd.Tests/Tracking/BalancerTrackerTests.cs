using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using HaKube.Common.Admin;
using HaKube.NetLab;
using HaKube.Vrrpd.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Vrrpd.Tests.Tracking;

public sealed class BalancerTrackerTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly string _directory = Directory.CreateTempSubdirectory("hakube-tcplb-").FullName;

    private string SocketPath => Path.Combine(_directory, "admin.sock");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Readiness_JsonShape_IsTheDocumentedOne()
    {
        var json = JsonSerializer.Serialize(new ReadinessEvent(true, 2, 3, 4242), ReadinessJsonContext.Default.ReadinessEvent);
        Assert.Equal("""{"listening":true,"healthyBackends":2,"totalBackends":3,"pid":4242}""", json);
        var read = JsonSerializer.Deserialize("""{"listening":false,"healthyBackends":0,"totalBackends":3,"pid":7}""", ReadinessJsonContext.Default.ReadinessEvent);
        Assert.Equal(new ReadinessEvent(false, 0, 3, 7), read);
    }

    [Fact]
    public void Mapping_FollowsTheTableOfTheReadinessDoc()
    {
        static int? Priority(TrackerStatus s) => EffectivePriority.Compute(100, [s], out _);

        Assert.Equal(100, Priority(BalancerReadiness.FromEvent("tcplb", new ReadinessEvent(true, 2, 3, 1), -50, true)));
        Assert.Equal(50, Priority(BalancerReadiness.FromEvent("tcplb", new ReadinessEvent(true, 0, 3, 1), -50, true)));
        Assert.True(BalancerReadiness.FromEvent("tcplb", new ReadinessEvent(true, 0, 3, 1), -50, true).IsUp);
        Assert.Null(Priority(BalancerReadiness.FromEvent("tcplb", new ReadinessEvent(false, 3, 3, 1), -50, true)));
        Assert.Null(Priority(BalancerReadiness.Gone("tcplb", "gone", -50, true)));
        // Not faulting when gone: counts as no healthy backend. A positive weight is not added while healthy.
        Assert.Equal(50, Priority(BalancerReadiness.Gone("tcplb", "gone", -50, false)));
        Assert.Equal(100, Priority(BalancerReadiness.FromEvent("tcplb", new ReadinessEvent(true, 1, 1, 1), 20, true)));
        // Weight 0, Keepalived's convention: no healthy backend is a fault.
        Assert.Null(Priority(BalancerReadiness.FromEvent("tcplb", new ReadinessEvent(true, 0, 1, 1), 0, true)));
    }

    [Fact]
    public async Task FakeTcplb_UpNoHealthyNotListeningGoneAndBack()
    {
        var changes = new ConcurrentQueue<TrackerStatus>();
        var settings = new BalancerTrackerSettings("tcplb", SocketPath) { MinBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200) };
        await using var tracker = new BalancerTracker(settings, TimeProvider.System);
        tracker.Start(changes.Enqueue);

        // No socket yet: a fault at once, then retries.
        await tracker.Initialized.WaitAsync(Bound);
        Assert.False(tracker.Status.IsUp);
        Assert.Null(EffectivePriority.Compute(100, [tracker.Status], out _));

        var (server, topic) = StartServer();
        topic.Publish(new ReadinessEvent(true, 2, 3, 4242));
        await Wait.UntilAsync(() => EffectivePriority.Compute(100, [tracker.Status], out _) == 100, Bound, "up with healthy backends");

        topic.Publish(new ReadinessEvent(true, 0, 3, 4242));
        await Wait.UntilAsync(() => EffectivePriority.Compute(100, [tracker.Status], out _) == 50, Bound, "lowered with no healthy backend");

        topic.Publish(new ReadinessEvent(false, 0, 3, 4242));
        await Wait.UntilAsync(() => !tracker.Status.IsUp && tracker.Status.Weight == 0, Bound, "fault when not listening");

        topic.Publish(new ReadinessEvent(true, 1, 3, 4242));
        await Wait.UntilAsync(() => tracker.Status.IsUp, Bound, "up again");

        await server.DisposeAsync(); // tcplb stops
        await Wait.UntilAsync(() => !tracker.Status.IsUp, Bound, "fault when tcplb is gone");
        Assert.Contains("tcplb", tracker.Status.Detail, StringComparison.Ordinal);

        (server, topic) = StartServer(); // restarted
        await using var restarted = server;
        topic.Publish(new ReadinessEvent(true, 3, 3, 4343));
        await Wait.UntilAsync(() => tracker.Status.IsUp, Bound, "up on the restarted tcplb's stream");
        Assert.Contains("4343", tracker.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// A starting tcplb binds its admin socket (the file appears) before it listens: the tracker's attempt on the file
    /// event is refused, and no second file event follows. It must then poll at the shortest wait, not sit out a back-off
    /// grown while tcplb was away (seen in the lab: a node whose tcplb had just restarted stayed in fault for 2 s, missed
    /// the master's priority-0 advert, and the VIP moved only after Master_Down_Interval).
    /// </summary>
    [Fact]
    public async Task SocketThatAppearsBeforeItListens_IsConnectedWithinTheShortestWait_NotAfterTheGrownBackOff()
    {
        var time = new FakeTimeProvider();
        var shortest = TimeSpan.FromMilliseconds(100);
        var settings = new BalancerTrackerSettings("tcplb", SocketPath) { MinBackoff = shortest, MaxBackoff = TimeSpan.FromHours(1) };
        await using var tracker = new BalancerTracker(settings, time);
        tracker.Start(_ => { });
        await tracker.Initialized.WaitAsync(Bound);
        Assert.Contains("no admin socket", tracker.Status.Detail, StringComparison.Ordinal);

        // tcplb away for a while: each failed attempt doubles the back-off (100, 200, 400 ms, ...).
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        using var starting = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        starting.Bind(new UnixDomainSocketEndPoint(SocketPath)); // the file appears; nothing listens yet
        await Wait.UntilAsync(() => tracker.Status.Detail.Contains("nothing listens", StringComparison.Ordinal), Bound, "an attempt refused by the bound socket");

        starting.Listen();
        var accepted = starting.AcceptAsync();
        // Three shortest waits of virtual time: less than the back-off grown above (at least 800 ms by now).
        for (var i = 0; i < 3 && !accepted.IsCompleted; i++)
        {
            time.Advance(shortest);
            await Task.WhenAny(accepted, Task.Delay(TimeSpan.FromSeconds(1)));
        }

        Assert.True(accepted.IsCompleted, "the tracker did not connect to the socket once it listened");
        using var connection = await accepted;
        Assert.False(tracker.Status.IsUp); // connected, but no readiness event yet: still down
    }

    private (AdminServer Server, AdminTopic<ReadinessEvent> Topic) StartServer()
    {
        var server = new AdminServer(new AdminServerOptions { SocketPath = SocketPath, DaemonName = "tcplb" });
        var topic = server.AddTopic(ReadinessEvent.Topic, ReadinessJsonContext.Default.ReadinessEvent);
        server.Start();
        return (server, topic);
    }
}
