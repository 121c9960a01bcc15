using HaKube.NetLab;
using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.StateMachine;
using HaKube.Vrrpd.Tests.Configuration;
using HaKube.Vrrpd.Tests.Tracking;
using HaKube.Vrrpd.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Vrrpd.Tests.SyncGroups;

/// <summary>
/// A track_script declared on the sync group, from keepalived.conf to the members' trackers (one script run shared
/// by both, on virtual time), and through the real state machines and group coordinators of <see cref="SyncGroupLan"/>.
/// </summary>
public sealed class SyncGroupTrackerTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    private static readonly string Config = """
        vrrp_script chk_balancer {
          script "/usr/local/bin/check-balancer"
          interval 2
          weight 0
        }

        vrrp_sync_group lbs {
          group {
            va
            vb
          }
          track_script {
            chk_balancer
          }
        }

        """ + TestConfig.Instance("  priority 110", name: "va", vrid: 60, vip: "198.18.0.100/24")
        + "\n" + TestConfig.Instance("  priority 110", name: "vb", vrid: 61, vip: "198.18.0.101/24") + "\n";

    private readonly PidfdWatcher _pidfds = new();

    public void Dispose() => _pidfds.Dispose();

    /// <summary>Answers every run at once: success, or failure while <see cref="Failing"/>.</summary>
    private sealed class SwitchedRunner : IScriptRunner
    {
        private int _runs;

        public volatile bool Failing;

        public int Runs => Volatile.Read(ref _runs);

        public Task<ScriptResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, string? user = null, string? group = null,
            IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _runs);
            return Task.FromResult(Failing ? new ScriptResult(ScriptOutcome.Failure, 1, "balancer gone") : new ScriptResult(ScriptOutcome.Success, 0, ""));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task GroupScriptFailing_FaultsEveryMemberTogether_ThePeerTakesBoth_AndRecoveryBringsThemBack(int seed)
    {
        var options = TestConfig.LoadText(Config).Result.Clean();
        var time = new FakeTimeProvider();
        var runner = new SwitchedRunner();
        var services = new TrackerServices(runner, new FakeLinks(), _pidfds, time, NullLoggerFactory.Instance);
        var lan = new SyncGroupLan(seed, ["va", "vb"], lb1Priority: 110, lb2Priority: 100)
        {
            MaxLatency = seed % 2 == 0 ? TimeSpan.FromMilliseconds(30) : TimeSpan.Zero,
        };
        lan.Run(Settle);
        AssertHolds(lan, lan.Lb1);

        // lb1's members, as the daemon builds them: neither lists the script, both track it through the group.
        var trackers = options.Instances.ToDictionary(i => i.Name, i => InstanceTrackers.Create(options, i, services));
        var faulted = trackers.Keys.ToDictionary(name => name, _ => false);
        try
        {
            Assert.All(trackers.Values, t => Assert.Equal("chk_balancer", Assert.Single(t).Name));
            Assert.Equal(1, services.ScriptProbes.Count);
            foreach (var tracker in trackers.Values.SelectMany(t => t))
            {
                tracker.Start(_ => { });
            }

            await Task.WhenAll(trackers.Values.SelectMany(t => t).Select(t => t.Initialized)).WaitAsync(Bound);
            Assert.Equal(1, runner.Runs);

            runner.Failing = true;
            time.Advance(Interval);
            await Wait.UntilAsync(() => trackers.Values.All(t => !t[0].Status.IsUp), Bound, "both members to see the group's script fail");
            Assert.Equal(2, runner.Runs); // one run per interval for the whole group

            var before = lan.Transitions.Count;
            ApplyHealth();
            lan.Run(Settle);

            AssertHolds(lan, lan.Lb2);
            Assert.All(lan.Lb1.Members.Values, m => Assert.Equal(VrrpState.Fault, m.State.State));
            Assert.Equal(VrrpState.Fault, lan.Lb1.Group.State);
            var faults = lan.Transitions.Skip(before).Where(t => t.Node == "lb1" && t.To == VrrpState.Fault).ToList();
            Assert.Equal(["va", "vb"], faults.Select(t => t.Instance).Order());
            Assert.Single(faults.Select(t => t.At).Distinct()); // together, at one instant

            runner.Failing = false;
            time.Advance(Interval);
            await Wait.UntilAsync(() => trackers.Values.All(t => t[0].Status.IsUp), Bound, "both members to see the group's script succeed");
            ApplyHealth();
            lan.Run(Settle);

            AssertHolds(lan, lan.Lb1); // 110 preempts both back
            Assert.Equal(VrrpState.Master, lan.Lb1.Group.State);
        }
        finally
        {
            foreach (var tracker in trackers.Values.SelectMany(t => t))
            {
                await tracker.DisposeAsync();
            }
        }

        // As VrrpInstance does: the trackers' statuses decide each member's own fault.
        void ApplyHealth()
        {
            foreach (var (name, list) in trackers)
            {
                var fault = EffectivePriority.Compute(110, list.Select(t => t.Status), out _) is null;
                if (fault != faulted[name])
                {
                    faulted[name] = fault;
                    lan.Lb1[name].SetOwnFault(fault);
                }
            }
        }
    }

    private static string MemberScriptConfig(bool trackingWeight) => $$"""
        vrrp_script chk_weighted {
          script "/usr/local/bin/check-balancer"
          interval 2
          weight -20
        }

        vrrp_sync_group lbs {
          group {
            va
            vb
          }
          {{(trackingWeight ? "sync_group_tracking_weight" : "")}}
        }

        """ + TestConfig.Instance("  priority 110\n  track_script {\n    chk_weighted\n  }", name: "va", vrid: 60, vip: "198.18.0.100/24")
        + "\n" + TestConfig.Instance("  priority 110", name: "vb", vrid: 61, vip: "198.18.0.101/24") + "\n";

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [InlineData(true, 3)]
    [InlineData(true, 4)]
    public async Task MembersWeightedScript_MovesTheGroupOnlyWithSyncGroupTrackingWeight(bool trackingWeight, int seed)
    {
        // Keepalived 2.2.7 drops a member's weighted track_script in a sync group unless sync_group_tracking_weight:
        // the script does not even run ("script chk_weighted is not used"). With it, -20 takes lb1's va to 90, the
        // group's ceiling takes vb with it, and lb2 (100) wins both.
        var result = TestConfig.LoadText(MemberScriptConfig(trackingWeight)).Result;
        Assert.Equal(trackingWeight ? 0 : 1, result.Warnings().Count());
        var options = result.Options!;
        var time = new FakeTimeProvider();
        var runner = new SwitchedRunner();
        var services = new TrackerServices(runner, new FakeLinks(), _pidfds, time, NullLoggerFactory.Instance);
        var lan = new SyncGroupLan(seed, ["va", "vb"], lb1Priority: 110, lb2Priority: 100)
        {
            MaxLatency = seed % 2 == 0 ? TimeSpan.FromMilliseconds(30) : TimeSpan.Zero,
        };
        lan.Run(Settle);
        AssertHolds(lan, lan.Lb1);

        var trackers = options.Instances.ToDictionary(i => i.Name, i => InstanceTrackers.Create(options, i, services));
        try
        {
            Assert.Empty(trackers["vb"]);
            Assert.Equal(trackingWeight ? ["chk_weighted"] : [], trackers["va"].Select(t => t.Name));
            foreach (var tracker in trackers.Values.SelectMany(t => t))
            {
                tracker.Start(_ => { });
            }

            await Task.WhenAll(trackers.Values.SelectMany(t => t).Select(t => t.Initialized)).WaitAsync(Bound);
            runner.Failing = true;
            time.Advance(Interval);
            if (trackingWeight)
            {
                await Wait.UntilAsync(() => !trackers["va"][0].Status.IsUp, Bound, "va to see its script fail");
            }

            ApplyPriorities();
            lan.Run(Settle);

            if (!trackingWeight)
            {
                Assert.Equal(0, runner.Runs); // not tracked by anyone: it never runs
                Assert.Equal(110, lan.Lb1["va"].State.Priority);
                AssertHolds(lan, lan.Lb1);
                return;
            }

            Assert.Equal(90, lan.Lb1["va"].State.Priority);
            AssertHolds(lan, lan.Lb2);

            runner.Failing = false;
            time.Advance(Interval);
            await Wait.UntilAsync(() => trackers["va"][0].Status.IsUp, Bound, "va to see its script succeed");
            ApplyPriorities();
            lan.Run(Settle);
            AssertHolds(lan, lan.Lb1);
        }
        finally
        {
            foreach (var tracker in trackers.Values.SelectMany(t => t))
            {
                await tracker.DisposeAsync();
            }
        }

        // As VrrpInstance does: the trackers' statuses give each member's own priority.
        void ApplyPriorities()
        {
            foreach (var (name, list) in trackers)
            {
                lan.Lb1[name].SetPriority((byte)EffectivePriority.Compute(110, list.Select(t => t.Status), out _)!.Value);
            }
        }
    }

    private static void AssertHolds(SyncGroupLan lan, SyncGroupLan.Node holder)
    {
        var other = holder == lan.Lb1 ? lan.Lb2 : lan.Lb1;
        Assert.Equal(["va", "vb"], holder.Holding.Order());
        Assert.Empty(other.Holding);
    }
}
