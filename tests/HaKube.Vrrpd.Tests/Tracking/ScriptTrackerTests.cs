using HaKube.Vrrpd.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Vrrpd.Tests.Tracking;

public sealed class ScriptTrackerTests
{
    private sealed class ScriptedRunner(params bool[] results) : IScriptRunner
    {
        private int _next;

        public int Runs => _next;

        public Task<ScriptResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, string? user = null, string? group = null,
            IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default)
        {
            var ok = results[Math.Min(_next++, results.Length - 1)];
            return Task.FromResult(new ScriptResult(ok ? ScriptOutcome.Success : ScriptOutcome.Failure, ok ? 0 : 1, ""));
        }
    }

    private static ScriptTrackerSettings Settings(int rise = 2, int fall = 2)
        => new("chk_haproxy", ["killall", "-0", "haproxy"], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), rise, fall, Weight: 2);

    [Fact]
    public async Task RunsEveryInterval_OnVirtualTime()
    {
        var time = new FakeTimeProvider();
        var runner = new ScriptedRunner(true);
        var tracker = new ScriptTracker(Settings(), runner, time, _ => { });
        using var cts = new CancellationTokenSource();
        var loop = tracker.RunAsync(cts.Token);

        await NetLab.Wait.UntilAsync(() => runner.Runs == 1, TimeSpan.FromSeconds(10), "the first run");
        time.Advance(TimeSpan.FromSeconds(2));
        await NetLab.Wait.UntilAsync(() => runner.Runs == 2, TimeSpan.FromSeconds(10), "the second run");
        time.Advance(TimeSpan.FromSeconds(2));
        await NetLab.Wait.UntilAsync(() => runner.Runs == 3, TimeSpan.FromSeconds(10), "the third run");

        await cts.CancelAsync();
        await loop;
        Assert.Equal(3, runner.Runs);
    }

    [Fact]
    public async Task ReportsDown_OnlyAfterFallFailures_AndUpAfterRiseSuccesses()
    {
        var changes = new List<TrackerStatus>();
        var tracker = new ScriptTracker(Settings(rise: 2, fall: 2), new ScriptedRunner(false, false, true, true), TimeProvider.System, changes.Add);

        Assert.False(await tracker.RunOnceAsync(default));
        Assert.Empty(changes);
        Assert.True(await tracker.RunOnceAsync(default));
        Assert.False(Assert.Single(changes).IsUp);
        Assert.False(await tracker.RunOnceAsync(default));
        Assert.True(await tracker.RunOnceAsync(default));
        Assert.Equal([false, true], changes.Select(c => c.IsUp));
        Assert.All(changes, c => Assert.Equal(2, c.Weight));
    }
}
