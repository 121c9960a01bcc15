using System.Collections.Concurrent;
using HaKube.Vrrpd.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Vrrpd.Tests.Tracking;

public sealed class ProcessTrackerTests
{
    private sealed class FakeSource(int count) : IProcessSource
    {
        private Action<ProcessSighting> _changed = _ => { };

        public ProcessSighting Current { get; private set; } = new(count, $"{count} running");

        public bool Disposed { get; private set; }

        public void Start(Action<ProcessSighting> changed) => _changed = changed;

        public void Set(int n)
        {
            Current = new ProcessSighting(n, $"{n} running");
            _changed(Current);
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }

    private static (ProcessTracker Tracker, FakeSource Source, ConcurrentQueue<TrackerStatus> Changes) Start(
        ProcessTrackerSettings settings, int initial, TimeProvider? time = null)
    {
        var source = new FakeSource(initial);
        var changes = new ConcurrentQueue<TrackerStatus>();
        var tracker = new ProcessTracker(settings, source, time ?? TimeProvider.System);
        tracker.Start(changes.Enqueue);
        return (tracker, source, changes);
    }

    [Theory]
    [InlineData(1, null, 0, false)]
    [InlineData(1, null, 1, true)]
    [InlineData(1, null, 7, true)]
    [InlineData(2, 3, 1, false)]
    [InlineData(2, 3, 2, true)]
    [InlineData(2, 3, 3, true)]
    [InlineData(2, 3, 4, false)]
    public void Quorum_UpBetweenQuorumAndQuorumMax(int quorum, int? quorumMax, int count, bool up)
        => Assert.Equal(up, new ProcessTrackerSettings("p", Quorum: quorum, QuorumMax: quorumMax).HasQuorum(count));

    [Fact]
    public async Task FirstCount_AppliesAtOnce_AndExitsAreReported()
    {
        var (tracker, source, changes) = Start(new ProcessTrackerSettings("haproxy", Weight: 0), initial: 1);
        await using var owned = tracker;
        Assert.True(tracker.Status.IsUp);
        Assert.Equal(TrackerKind.Process, tracker.Status.Kind);

        source.Set(0);
        Assert.False(tracker.Status.IsUp);
        Assert.Null(EffectivePriority.Compute(100, [tracker.Status], out _));
        source.Set(1);

        Assert.Equal([true, false, true], changes.Select(c => c.IsUp));
    }

    [Fact]
    public async Task WeightAndReverse_AreCarried()
    {
        var (tracker, _, _) = Start(new ProcessTrackerSettings("haproxy", Weight: 5, WeightReverse: true), initial: 1);
        await using var owned = tracker;
        Assert.Equal(5, tracker.Status.Weight);
        Assert.True(tracker.Status.WeightReverse);
        Assert.Equal(95, EffectivePriority.Compute(100, [tracker.Status], out _));
    }

    [Fact]
    public async Task TerminateDelay_DownOnlyAfterTheDelay_AndNotAtAllWhenQuorumReturns()
    {
        var time = new FakeTimeProvider();
        var (tracker, source, changes) = Start(new ProcessTrackerSettings("haproxy", TerminateDelay: TimeSpan.FromSeconds(3)), initial: 1, time);
        await using var owned = tracker;

        source.Set(0);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(tracker.Status.IsUp);
        source.Set(1); // restarted in time
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(tracker.Status.IsUp);
        Assert.Single(changes);

        source.Set(0);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(tracker.Status.IsUp);
        Assert.Equal([true, false], changes.Select(c => c.IsUp));
    }

    [Fact]
    public async Task ForkDelay_UpOnlyAfterTheDelay()
    {
        var time = new FakeTimeProvider();
        var (tracker, source, changes) = Start(new ProcessTrackerSettings("haproxy", ForkDelay: TimeSpan.FromSeconds(2)), initial: 0, time);
        await using var owned = tracker;

        source.Set(1);
        Assert.False(tracker.Status.IsUp);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(tracker.Status.IsUp);
        Assert.Equal([false, true], changes.Select(c => c.IsUp));
    }

    [Fact]
    public async Task Dispose_DisposesTheSource_AndStopsReporting()
    {
        var (tracker, source, changes) = Start(new ProcessTrackerSettings("haproxy"), initial: 1);
        await tracker.DisposeAsync();
        Assert.True(source.Disposed);
        source.Set(0);
        Assert.Single(changes);
    }
}
