using System.Collections.Concurrent;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Vrrpd.Tests.Tracking;

/// <summary>Rise and fall delays of event-driven trackers (issue 3, point 6: every tracker with rise/fall), on virtual time.</summary>
public sealed class DebouncedTrackerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>An event-driven tracker whose changes the test makes; its first reading, when given, differs from its starting assumption.</summary>
    private sealed class ManualTracker(TrackerStatus initial, TrackerStatus? firstReading = null) : TrackerBase(initial.Name, initial, null)
    {
        public void Set(TrackerStatus status) => Publish(status);

        protected override void OnStart()
        {
            if (firstReading is not null)
            {
                Publish(firstReading);
            }

            MarkInitialized();
        }
    }

    private static TrackerStatus Link(bool up, int weight = 0) => new("eth1", TrackerKind.Interface, up, weight, Detail: up ? "link up" : "no carrier");

    private static TrackerStatus Balancer(int? adjustment, bool up = true) =>
        new("tcplb", TrackerKind.Balancer, up, 0, adjustment, adjustment is null ? "ready" : "no healthy backend");

    private static async Task<(DebouncedTracker Tracker, ManualTracker Inner, ConcurrentQueue<TrackerStatus> Raised)> StartAsync(
        TrackerStatus initial, FakeTimeProvider time, double rise, double fall, TrackerStatus? firstReading = null)
    {
        var inner = new ManualTracker(initial, firstReading);
        var tracker = new DebouncedTracker(inner, new DebounceSettings(TimeSpan.FromSeconds(rise), TimeSpan.FromSeconds(fall)), time);
        var raised = new ConcurrentQueue<TrackerStatus>();
        tracker.Start(raised.Enqueue);
        await tracker.Initialized.WaitAsync(Bound);
        return (tracker, inner, raised);
    }

    [Fact]
    public async Task FallDelay_ADownCountsOnlyOnceItHolds()
    {
        var time = new FakeTimeProvider();
        var (tracker, inner, raised) = await StartAsync(Link(true), time, rise: 0, fall: 2);
        await using var _ = tracker;

        inner.Set(Link(false));
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.True(tracker.Status.IsUp);
        Assert.Equal("link up", tracker.Status.Detail);
        Assert.Empty(raised);

        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(tracker.Status.IsUp);
        Assert.Equal("no carrier", tracker.Status.Detail);
        Assert.False(Assert.Single(raised).IsUp);
    }

    [Fact]
    public async Task AFlapShorterThanTheFallDelay_IsNeverRaised()
    {
        var time = new FakeTimeProvider();
        var (tracker, inner, raised) = await StartAsync(Link(true), time, rise: 0, fall: 2);
        await using var _ = tracker;

        for (var i = 0; i < 5; i++)
        {
            inner.Set(Link(false));
            time.Advance(TimeSpan.FromSeconds(1.5));
            inner.Set(Link(true));
            time.Advance(TimeSpan.FromSeconds(1.5));
        }

        Assert.Empty(raised);
        Assert.True(tracker.Status.IsUp);
        Assert.Equal("link up", tracker.Status.Detail);
    }

    [Fact]
    public async Task RiseDelay_BackUpCountsOnlyOnceItHolds_ZeroFallIsInstant()
    {
        var time = new FakeTimeProvider();
        var (tracker, inner, raised) = await StartAsync(Link(true), time, rise: 5, fall: 0);
        await using var _ = tracker;

        inner.Set(Link(false));
        Assert.False(tracker.Status.IsUp); // no fall delay: at once, as without debouncing
        inner.Set(Link(true));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(tracker.Status.IsUp);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(tracker.Status.IsUp);
        Assert.Equal([false, true], raised.Select(s => s.IsUp));
    }

    [Fact]
    public async Task TheDelayRunsFromTheFirstChange_NotFromANewDetailOfIt()
    {
        var time = new FakeTimeProvider();
        var (tracker, inner, raised) = await StartAsync(Link(true), time, rise: 0, fall: 2);
        await using var _ = tracker;

        inner.Set(Link(false));
        time.Advance(TimeSpan.FromSeconds(1.5));
        inner.Set(Link(false) with { Detail = "administratively down" });
        time.Advance(TimeSpan.FromSeconds(0.5));

        var down = Assert.Single(raised);
        Assert.False(down.IsUp);
        Assert.Equal("administratively down", down.Detail);
    }

    [Fact]
    public async Task ALowerAdjustment_IsAFall_AHigherOneARise()
    {
        var time = new FakeTimeProvider();
        var (tracker, inner, raised) = await StartAsync(Balancer(null), time, rise: 3, fall: 1);
        await using var _ = tracker;

        inner.Set(Balancer(-50));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(-50, tracker.Status.Adjustment);

        inner.Set(Balancer(null));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(-50, tracker.Status.Adjustment);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(tracker.Status.Adjustment);
        Assert.Equal([-50, (int?)null], raised.Select(s => s.Adjustment));
    }

    [Fact]
    public void IsFall_FollowsThePriority_ReverseAndFaultsIncluded()
    {
        Assert.True(DebouncedTracker.IsFall(Link(true), Link(false)));
        Assert.False(DebouncedTracker.IsFall(Link(false), Link(true)));
        // weight 0 reverse: up is the fault, so going up is the fall.
        Assert.True(DebouncedTracker.IsFall(Link(false) with { WeightReverse = true }, Link(true) with { WeightReverse = true }));
        // A positive weight is given while up: down loses it.
        Assert.True(DebouncedTracker.IsFall(Link(true, 10), Link(false, 10)));
        // A fault is worse than any adjustment.
        Assert.True(DebouncedTracker.IsFall(Balancer(-200), Balancer(null, up: false)));
    }

    [Fact]
    public async Task TheFirstReading_CountsAtOnce_EvenAFall()
    {
        var time = new FakeTimeProvider();
        // Assumed up until read; the first reading finds it down: no fall delay for what was found at start.
        var (tracker, _, raised) = await StartAsync(Link(true), time, rise: 5, fall: 5, firstReading: Link(false));
        await using var __ = tracker;

        Assert.False(tracker.Status.IsUp);
        Assert.False(Assert.Single(raised).IsUp);
    }

    [Fact]
    public async Task Disposed_WhileAChangeWaits_RaisesNothing()
    {
        var time = new FakeTimeProvider();
        var (tracker, inner, raised) = await StartAsync(Link(true), time, rise: 0, fall: 2);

        inner.Set(Link(false));
        await tracker.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Empty(raised);
    }

    [Fact]
    public async Task Factory_WrapsOnlyReferencesWithDelays()
    {
        using var pidfds = new PidfdWatcher();
        var services = new TrackerServices(new ScriptRunner(), new FakeLinks { Current = FakeLinks.Up("eth1", 3) }, pidfds, TimeProvider.System, NullLoggerFactory.Instance);
        var instance = new VrrpInstanceOptions(
            Name: "vip", Interface: "eth0", VirtualRouterId: 60, DontTrackPrimary: true,
            TrackInterfaces: [new TrackReference("eth1", Weight: -5, FallDelay: 0.5m), new TrackReference("eth2")]);

        var trackers = TrackerFactory.Create(new VrrpdOptions(Instances: [instance]), instance, services);
        try
        {
            Assert.Equal([typeof(DebouncedTracker), typeof(InterfaceTracker)], trackers.Select(t => t.GetType()));
            Assert.Equal(("eth1", -5), (trackers[0].Name, trackers[0].Status.Weight));
        }
        finally
        {
            foreach (var t in trackers)
            {
                await t.DisposeAsync();
            }
        }
    }
}
