using System.Net;
using HaKube.Tcplb.Balancing;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Tests.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Tcplb.Tests.Balancing;

public sealed class BalancerTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static ServerSnapshot Up(int weight = 1, int maxConn = 0, int maxQueue = 0, bool backup = false, int active = 0)
        => new() { Status = ServerStatus.Up, Weight = weight, MaxConn = maxConn, MaxQueue = maxQueue, Backup = backup, ActiveConnections = active };

    private static PickContext Now(ulong excluded = 0, int queued = 0, ulong client = 0) => new(Clock.GetUtcNow(), client, excluded, queued);

    private static int[] Spread(Balancer balancer, ServerSnapshot[] servers, int connections, bool track = false)
    {
        var order = new int[connections];
        for (var i = 0; i < connections; i++)
        {
            var pick = balancer.Pick(servers, Now());
            Assert.Equal(PickOutcome.Server, pick.Outcome);
            order[i] = pick.Server;
            if (track)
            {
                servers[pick.Server] = servers[pick.Server] with { ActiveConnections = servers[pick.Server].ActiveConnections + 1 };
            }
        }

        return order;
    }

    [Fact]
    public void RoundRobin_GuideConfig_30Connections_Spread10_10_10_InOrder()
    {
        var backend = ConfigLoader.Load(TestFiles.Path("guide-haproxy.cfg")).Options!.Backends[0];
        var servers = backend.Servers.Select(ServerSnapshot.From).ToArray();
        var order = Spread(Balancer.Create(backend), servers, 30, track: true);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => i % 3), order);
    }

    [Fact]
    public void RoundRobin_Weighted_IsSmooth_AndProportional()
    {
        var balancer = new Balancer(new RoundRobinPicker(3));
        var order = Spread(balancer, [Up(weight: 2), Up(weight: 1), Up(weight: 1)], 8);
        Assert.Equal([0, 1, 2, 0, 0, 1, 2, 0], order);
        var many = Spread(balancer, [Up(weight: 5), Up(weight: 3), Up(weight: 2)], 1000);
        Assert.Equal([500, 300, 200], many.GroupBy(i => i).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void RoundRobin_SkipsDownDrainingDisabledAndWeightZero()
    {
        ServerSnapshot[] servers = [Up() with { Status = ServerStatus.Down }, Up(), Up() with { Status = ServerStatus.Draining }, Up() with { Status = ServerStatus.Disabled }, Up(weight: 0), Up()];
        Assert.Equal([1, 5, 1, 5], Spread(new Balancer(new RoundRobinPicker(6)), servers, 4));
    }

    [Fact]
    public void LeastConn_PicksFewestConnections_TiesByRoundRobin()
    {
        var balancer = new Balancer(new LeastConnPicker());
        Assert.Equal(1, balancer.Pick([Up(active: 5), Up(active: 2), Up(active: 3)], Now()).Server);
        Assert.Equal([0, 1, 2, 0, 1, 2], Spread(new Balancer(new LeastConnPicker()), [Up(), Up(), Up()], 6));
    }

    [Fact]
    public void LeastConn_IsRelativeToWeight()
    {
        // (4+1)/2 = 2.5 against (2+1)/1 = 3: the heavier server is less loaded.
        Assert.Equal(0, new Balancer(new LeastConnPicker()).Pick([Up(weight: 2, active: 4), Up(weight: 1, active: 2)], Now()).Server);
    }

    [Fact]
    public void Source_SameClientSameServer_AndOnlyTheLostServersClientsMove()
    {
        var picker = new SourceHashPicker(["m1", "m2", "m3"]);
        var balancer = new Balancer(picker);
        ServerSnapshot[] all = [Up(), Up(), Up()];
        var clients = Enumerable.Range(1, 300).Select(i => SourceHash.Compute(IPAddress.Parse($"10.1.{i / 250}.{i % 250}"))).ToArray();
        var before = clients.Select(c => balancer.Pick(all, Now(client: c)).Server).ToArray();
        Assert.Equal(before, clients.Select(c => balancer.Pick(all, Now(client: c)).Server));
        Assert.All(before.GroupBy(s => s), g => Assert.InRange(g.Count(), 70, 130));

        ServerSnapshot[] withoutSecond = [Up(), Up() with { Status = ServerStatus.Down }, Up()];
        var after = clients.Select(c => balancer.Pick(withoutSecond, Now(client: c)).Server).ToArray();
        for (var i = 0; i < clients.Length; i++)
        {
            if (before[i] != 1)
            {
                Assert.Equal(before[i], after[i]);
            }
        }
    }

    [Fact]
    public void Source_HashIsStableAcrossProcesses_AndMapsIpv4InIpv6()
    {
        Assert.Equal(SourceHash.Compute(IPAddress.Parse("10.0.0.1")), SourceHash.Compute(IPAddress.Parse("::ffff:10.0.0.1")));
        Assert.Equal(SourceHash.Compute("m1"), SourceHash.Compute("m1"));
        Assert.NotEqual(SourceHash.Compute("m1"), SourceHash.Compute("m2"));
    }

    [Fact]
    public void RandomTwoChoices_TakesTheLessLoadedOfTwoDraws_Reproducibly()
    {
        ServerSnapshot[] servers = [Up(active: 10), Up(active: 0), Up(active: 10)];
        var a = Spread(new Balancer(new RandomChoicesPicker(new Random(7), 2)), servers, 200);
        var b = Spread(new Balancer(new RandomChoicesPicker(new Random(7), 2)), servers, 200);
        Assert.Equal(a, b);
        // Server 1 wins whenever it is drawn once among two: about 1 - (2/3)^2 = 5/9 of picks.
        Assert.InRange(a.Count(s => s == 1), 85, 140);
    }

    [Fact]
    public void SlowStart_WeightRampsLinearlyFromRecovery_OnTheInjectedClock()
    {
        var clock = new FakeTimeProvider(Clock.GetUtcNow());
        var recovered = Up(weight: 100) with { SlowStart = TimeSpan.FromSeconds(60), RecoveredAt = clock.GetUtcNow() };
        Assert.Equal(1, SlowStart.EffectiveWeight(recovered, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(100 * SlowStart.Scale / 4, SlowStart.EffectiveWeight(recovered, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(100 * SlowStart.Scale / 2, SlowStart.EffectiveWeight(recovered, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(100 * SlowStart.Scale, SlowStart.EffectiveWeight(recovered, clock.GetUtcNow()));
        Assert.Equal(100 * SlowStart.Scale, SlowStart.EffectiveWeight(recovered with { RecoveredAt = null }, clock.GetUtcNow()));
    }

    [Fact]
    public void SlowStart_RecoveredServerGetsItsShareOfRoundRobin()
    {
        var now = Clock.GetUtcNow();
        ServerSnapshot[] servers = [Up(weight: 100), Up(weight: 100), Up(weight: 100) with { SlowStart = TimeSpan.FromSeconds(60), RecoveredAt = now - TimeSpan.FromSeconds(30) }];
        var order = Spread(new Balancer(new RoundRobinPicker(3)), servers, 500);
        Assert.Equal([200, 200, 100], order.GroupBy(i => i).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void SlowStart_AlsoRampsMaxConn()
    {
        var server = Up(maxConn: 250) with { SlowStart = TimeSpan.FromSeconds(100), RecoveredAt = Clock.GetUtcNow() - TimeSpan.FromSeconds(10) };
        Assert.Equal(25, SlowStart.EffectiveMaxConn(server, Clock.GetUtcNow()));
    }

    [Fact]
    public void MaxConn_FullServerIsSkipped()
    {
        var balancer = new Balancer(new RoundRobinPicker(2));
        ServerSnapshot[] servers = [Up(maxConn: 2, active: 2), Up(maxConn: 2, active: 0)];
        Assert.Equal([1, 1, 1], Spread(balancer, servers, 3));
    }

    [Fact]
    public void MaxConn_AllFull_Queues_UpToTheSumOfMaxQueue_ThenQueueFull()
    {
        var balancer = new Balancer(new RoundRobinPicker(2));
        ServerSnapshot[] servers = [Up(maxConn: 1, maxQueue: 2, active: 1), Up(maxConn: 1, maxQueue: 1, active: 1)];
        Assert.Equal(PickOutcome.Queue, balancer.Pick(servers, Now(queued: 2)).Outcome);
        Assert.Equal(PickOutcome.QueueFull, balancer.Pick(servers, Now(queued: 3)).Outcome);
        servers[1] = servers[1] with { MaxQueue = 0 };
        Assert.Equal(PickOutcome.Queue, balancer.Pick(servers, Now(queued: 1000)).Outcome);
    }

    [Fact]
    public void ConnectionQueue_Fifo_ExpiresAfterTimeoutQueue()
    {
        var clock = new FakeTimeProvider(Clock.GetUtcNow());
        var queue = new ConnectionQueue<string>();
        queue.Enqueue("a", clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(1));
        queue.Enqueue("b", clock.GetUtcNow());
        Assert.False(queue.TryExpire(clock.GetUtcNow(), TimeSpan.FromSeconds(5), out _));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(4), queue.NextExpiry(TimeSpan.FromSeconds(5)));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(queue.TryExpire(clock.GetUtcNow(), TimeSpan.FromSeconds(5), out var expired));
        Assert.Equal("a", expired);
        Assert.True(queue.TryDequeue(out var next));
        Assert.Equal("b", next);
    }

    [Fact]
    public void ConnectionQueue_ReadsInOrderByIndex_AcrossDequeuesAndCompaction()
    {
        var start = Clock.GetUtcNow();
        var clock = new FakeTimeProvider(start);
        var queue = new ConnectionQueue<int>();
        for (var i = 0; i < 100; i++)
        {
            queue.Enqueue(i, clock.GetUtcNow());
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        for (var i = 0; i < 70; i++)
        {
            Assert.True(queue.TryDequeue(out var item));
            Assert.Equal(i, item);
        }

        queue.Enqueue(100, clock.GetUtcNow());
        Assert.Equal(31, queue.Count);
        Assert.Equal(Enumerable.Range(70, 31), Enumerable.Range(0, queue.Count).Select(i => queue[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue[31]);
        Assert.Equal(start + TimeSpan.FromSeconds(75), queue.NextExpiry(TimeSpan.FromSeconds(5)));
        Assert.True(queue.TryExpire(clock.GetUtcNow(), TimeSpan.FromSeconds(30), out var expired));
        Assert.Equal(70, expired);
        while (queue.TryDequeue(out _))
        {
        }

        Assert.Equal(0, queue.Count);
        Assert.False(queue.TryPeek(out _));
        Assert.Null(queue.NextExpiry(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Backup_UsedOnlyWhenNoActiveServerIsUp_FirstBackupOnly()
    {
        var balancer = new Balancer(new RoundRobinPicker(3));
        ServerSnapshot[] servers = [Up(), Up(backup: true), Up(backup: true)];
        Assert.Equal([0, 0], Spread(balancer, servers, 2));
        servers[0] = servers[0] with { Status = ServerStatus.Down };
        Assert.Equal([1, 1, 1], Spread(balancer, servers, 3));
        Assert.Equal([1, 2, 1], Spread(new Balancer(new RoundRobinPicker(3), allBackups: true), servers, 3));
    }

    [Fact]
    public void NoServerUp_NoServer()
        => Assert.Equal(PickResult.NoServer, new Balancer(new RoundRobinPicker(1)).Pick([Up() with { Status = ServerStatus.Down }], Now()));

    [Fact]
    public void Redispatch_NextPickExcludesTheFailedServer()
    {
        var balancer = new Balancer(new RoundRobinPicker(3));
        ServerSnapshot[] servers = [Up(), Up(), Up()];
        var retry = new ConnectRetry(new RetryOptions { Retries = 3, Redispatch = true, RedispatchInterval = 1 }, TimeSpan.FromSeconds(5));
        var first = balancer.Pick(servers, Now()).Server;
        Assert.Equal(RetryAction.Redispatch, retry.OnConnectFailed(first, new RetryContext(ServerUp: false, SpreadsFreely: true)).Action);
        var second = balancer.Pick(servers, Now(retry.Excluded)).Server;
        Assert.NotEqual(first, second);
        Assert.Equal(RetryAction.Redispatch, retry.OnConnectFailed(second, new RetryContext(ServerUp: false, SpreadsFreely: true)).Action);
        var third = balancer.Pick(servers, Now(retry.Excluded)).Server;
        Assert.DoesNotContain(third, new[] { first, second });
    }

    [Fact]
    public void Excluded_OnlyServerLeft_IsTriedAgain()
    {
        var pick = new Balancer(new RoundRobinPicker(1)).Pick([Up()], Now(excluded: 1));
        Assert.Equal(PickResult.To(0), pick);
    }

    [Fact]
    public void Pick_DoesNotAllocate()
    {
        var balancer = new Balancer(new LeastConnPicker());
        ServerSnapshot[] servers = [Up(), Up(), Up()];
        var context = Now();
        // Warm up past tiered compilation's first rejit and any lazy state, as BenchmarkDotNet does: only the steady
        // state must not allocate.
        for (var i = 0; i < 1000; i++)
        {
            balancer.Pick(servers, context);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            balancer.Pick(servers, context);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
