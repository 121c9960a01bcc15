using System.Collections.Concurrent;
using HaKube.NetLab;
using HaKube.Vrrpd.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Vrrpd.Tests.Tracking;

public sealed class ScriptTrackerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private sealed class ScriptedRunner(params bool[] results) : IScriptRunner
    {
        private int _next;

        public int Runs => Volatile.Read(ref _next);

        public Task<ScriptResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, string? user = null, string? group = null,
            IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default)
        {
            var n = Interlocked.Increment(ref _next) - 1;
            var ok = results[Math.Min(n, results.Length - 1)];
            return Task.FromResult(new ScriptResult(ok ? ScriptOutcome.Success : ScriptOutcome.Failure, ok ? 0 : 1, ok ? "" : "haproxy is gone"));
        }
    }

    private static ScriptTrackerSettings Settings(int rise = 2, int fall = 2, bool reverse = false)
        => new("chk_haproxy", ["killall", "-0", "haproxy"], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), rise, fall, Weight: 2, WeightReverse: reverse);

    [Fact]
    public async Task Status_BeforeTheFirstRun_HasAnEmptyDetail_NotNull()
    {
        // status printing read Detail.Length: a tracker that has not run yet must not carry null.
        await using var tracker = new ScriptTracker(Settings(), new ScriptedRunner(true), new FakeTimeProvider());
        Assert.Equal("", tracker.Status.Detail);
    }

    [Fact]
    public async Task RunsEveryInterval_OnVirtualTime()
    {
        var time = new FakeTimeProvider();
        var runner = new ScriptedRunner(true);
        var tracker = new ScriptTracker(Settings(), runner, time);
        using var cts = new CancellationTokenSource();
        var loop = tracker.RunAsync(cts.Token);

        await Wait.UntilAsync(() => runner.Runs == 1, Bound, "the first run");
        time.Advance(TimeSpan.FromSeconds(2));
        await Wait.UntilAsync(() => runner.Runs == 2, Bound, "the second run");
        time.Advance(TimeSpan.FromSeconds(2));
        await Wait.UntilAsync(() => runner.Runs == 3, Bound, "the third run");

        await cts.CancelAsync();
        await loop;
        Assert.Equal(3, runner.Runs);
    }

    [Fact]
    public async Task Started_ReportsDown_OnlyAfterFallFailures_AndUpAfterRiseSuccesses()
    {
        var time = new FakeTimeProvider();
        var changes = new ConcurrentQueue<TrackerStatus>();
        var runner = new ScriptedRunner(false, false, true, true);
        await using var tracker = new ScriptTracker(Settings(rise: 2, fall: 2), runner, time);
        tracker.Start(changes.Enqueue);

        await tracker.Initialized.WaitAsync(Bound);
        Assert.Empty(changes); // one failure of two
        Assert.True(tracker.Status.IsUp);
        time.Advance(TimeSpan.FromSeconds(2));
        await Wait.UntilAsync(() => changes.Count == 1, Bound, "down after the second failure");
        Assert.False(tracker.Status.IsUp);
        Assert.Equal("haproxy is gone", tracker.Status.Detail);
        time.Advance(TimeSpan.FromSeconds(2));
        await Wait.UntilAsync(() => runner.Runs == 3, Bound, "the third run");
        Assert.Single(changes);
        time.Advance(TimeSpan.FromSeconds(2));
        await Wait.UntilAsync(() => changes.Count == 2, Bound, "up after the second success");

        Assert.Equal([false, true], changes.Select(c => c.IsUp));
        Assert.All(changes, c => Assert.Equal(2, c.Weight));
        Assert.All(changes, c => Assert.Equal(TrackerKind.Script, c.Kind));
    }

    [Fact]
    public async Task RunOnce_DebouncesWithRiseAndFall()
    {
        var tracker = new ScriptTracker(Settings(rise: 2, fall: 2), new ScriptedRunner(false, false, true, true), TimeProvider.System);

        Assert.False(await tracker.RunOnceAsync(default));
        Assert.True(await tracker.RunOnceAsync(default));
        Assert.False(tracker.Status.IsUp);
        Assert.False(await tracker.RunOnceAsync(default));
        Assert.True(await tracker.RunOnceAsync(default));
        Assert.True(tracker.Status.IsUp);
    }

    [Fact]
    public void InitFail_StartsDown_AndReverseIsCarried()
    {
        var tracker = new ScriptTracker(Settings(reverse: true) with { InitiallyUp = false }, new ScriptedRunner(true), TimeProvider.System);
        Assert.False(tracker.Status.IsUp);
        Assert.True(tracker.Status.WeightReverse);
    }

    [Fact]
    public async Task Dispose_StopsTheLoop()
    {
        var time = new FakeTimeProvider();
        var runner = new ScriptedRunner(true);
        var tracker = new ScriptTracker(Settings(), runner, time);
        tracker.Start(_ => { });
        await tracker.Initialized.WaitAsync(Bound);

        await tracker.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, runner.Runs);
    }
}
