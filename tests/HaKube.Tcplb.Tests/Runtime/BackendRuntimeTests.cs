using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;
using HaKube.Tcplb.Health;
using HaKube.Tcplb.Runtime;

namespace HaKube.Tcplb.Tests.Runtime;

public sealed class BackendRuntimeTests
{
    private const string Three = """
          balance roundrobin
          default-server inter 2s rise 2 fall 2
          server a 198.18.0.2:6443 check
          server b 198.18.0.3:6443 check
          server c 198.18.0.4:6443 check
        """;

    [Fact]
    public void RoundRobin_EqualWeights_GoesInDeclarationOrder()
    {
        var f = new RuntimeFixture();
        var backend = f.Build(Three).Backends[0];

        var picks = Enumerable.Range(0, 6).Select(_ => RuntimeFixture.Acquire(backend).Server.Name).ToList();

        Assert.Equal(["a", "b", "c", "a", "b", "c"], picks);
        Assert.Equal(2, backend.Servers[0].Active);
    }

    [Fact]
    public void FailedConnect_MarksServerDownAtOnce_RetryGoesElsewhere_SessionsKept()
    {
        var f = new RuntimeFixture();
        var backend = f.Build(Three).Backends[0];
        var established = RuntimeFixture.Acquire(backend);
        Assert.Equal("a", established.Server.Name);

        var failing = RuntimeFixture.Acquire(backend);
        failing.ReportConnectFailed(ConnectFailure.Refused);
        var excluded = default(ServerIdSet);
        excluded.Add(failing.Server.Id);
        failing.Release(default);

        Assert.Equal("c", RuntimeFixture.Acquire(backend, excluded).Server.Name);
        var after = Enumerable.Range(0, 4).Select(_ => RuntimeFixture.Acquire(backend).Server.Name).ToList();
        Assert.Equal(["a", "a", "c", "c"], after.Order(StringComparer.Ordinal));
        var down = Assert.Single(f.Events.Health.OfType<ServerDownEvent>());
        Assert.Equal(DownReason.ConnectFailed, down.Reason);
        Assert.Null(down.CloseSessionsAt);
        f.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(f.Events.Closed);
        Assert.Equal(1, backend.Status().Redispatches);
    }

    [Fact]
    public void ActiveCheckDown_ClosesSessionsAfterTheGrace_NotBefore()
    {
        var f = new RuntimeFixture();
        var backend = f.Build(Three, server: s => s with { SessionCloseGrace = new(TimeSpan.FromSeconds(10)) }).Backends[0];
        _ = RuntimeFixture.Acquire(backend);

        backend.ReportCheck(0, CheckOutcome.Fail("HTTP 503"));

        Assert.Equal(2, backend.HealthyCount);
        f.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(f.Events.Closed);
        f.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["a"], f.Events.Closed);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void ActiveCheckDown_GraceZeroClosesAtOnce_NeverKeeps(int graceSeconds, bool closed)
    {
        var f = new RuntimeFixture();
        var grace = graceSeconds < 0 ? SessionCloseGrace.Never : new SessionCloseGrace(TimeSpan.FromSeconds(graceSeconds));
        var backend = f.Build(Three, server: s => s with { SessionCloseGrace = grace }).Backends[0];

        backend.ReportCheck(1, CheckOutcome.Fail("connection refused"));
        f.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(closed ? ["b"] : [], f.Events.Closed);
    }

    [Fact]
    public void AllDown_RefusesAtOnce_BackAfterRise_RampedBySlowstart()
    {
        var f = new RuntimeFixture();
        var backend = f.Build("""
              default-server inter 1s rise 2 fall 1 slowstart 60s weight 100
              server a 198.18.0.2:6443 check
              server b 198.18.0.3:6443 check
            """).Backends[0];
        backend.ReportCheck(0, CheckOutcome.Fail("refused"));
        backend.ReportCheck(1, CheckOutcome.Fail("refused"));

        Assert.Equal(AcquireStatus.NoServer, backend.TryAcquire(RuntimeFixture.Client, default, out _));
        backend.ReportCheck(1, CheckOutcome.Pass());
        Assert.Equal(AcquireStatus.NoServer, backend.TryAcquire(RuntimeFixture.Client, default, out _));
        backend.ReportCheck(1, CheckOutcome.Pass());

        Assert.Equal("b", RuntimeFixture.Acquire(backend).Server.Name);
        var b = backend.Status().Servers[1];
        Assert.Equal("UP", b.Status);
        Assert.InRange(b.EffectiveWeight, 1, 2);
        f.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.InRange(backend.Status().Servers[1].EffectiveWeight, 49, 51);
        f.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(100, backend.Status().Servers[1].EffectiveWeight);
    }

    [Fact]
    public async Task MaxConn_QueuesThenServesOnRelease_InOrder()
    {
        var f = new RuntimeFixture();
        var backend = f.Build("""
              timeout queue 5s
              server a 198.18.0.2:6443 maxconn 1
            """).Backends[0];
        var first = RuntimeFixture.Acquire(backend);
        Assert.Equal(AcquireStatus.MustQueue, backend.TryAcquire(RuntimeFixture.Client, default, out _));

        var w1 = backend.AcquireQueuedAsync(RuntimeFixture.Client, default, CancellationToken.None).AsTask();
        var w2 = backend.AcquireQueuedAsync(RuntimeFixture.Client, default, CancellationToken.None).AsTask();
        Assert.Equal(2, backend.Queued);
        Assert.False(w1.IsCompleted);

        first.Release(new SessionTotals(10, 20, TimeSpan.FromSeconds(1)));
        var lease = await w1.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("a", lease!.Server.Name);
        Assert.False(w2.IsCompleted);
        Assert.Equal(0, lease.BackendQueuePosition);

        f.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(await w2.WaitAsync(TimeSpan.FromSeconds(5)));
        var status = backend.Status();
        Assert.Equal(0, status.Queued);
        Assert.Equal(1, status.QueueTimeouts);
        Assert.Equal(10, status.Servers[0].BytesIn);
        Assert.Equal(20, status.Servers[0].BytesOut);
    }

    [Fact]
    public async Task Queue_ARedispatchedConnection_IsNotHandedTheServerItFailedOn()
    {
        // A connection that failed on one server and found the others full waits in the queue; a slot freeing on the
        // server it failed on is not for it (the balancer avoids that server while another is usable).
        var (_, backend, onA, onB, failedOnA) = TwoFullServers();
        var waiter = backend.AcquireQueuedAsync(RuntimeFixture.Client, failedOnA, CancellationToken.None).AsTask();

        onA.Release(default);
        Assert.False(waiter.IsCompleted);
        Assert.Equal(1, backend.Queued);

        onB.Release(default);
        var lease = await waiter.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("b", lease!.Server.Name);
    }

    [Fact]
    public async Task Queue_ASlotTheOldestMayNotTake_GoesToTheNextWaiter()
    {
        // The oldest waiter failed on a; a slot freeing on a must not idle behind it while a newer waiter could use it.
        var (_, backend, onA, onB, failedOnA) = TwoFullServers();
        var retried = backend.AcquireQueuedAsync(RuntimeFixture.Client, failedOnA, CancellationToken.None).AsTask();
        var fresh = backend.AcquireQueuedAsync(RuntimeFixture.Client, default, CancellationToken.None).AsTask();
        var freshest = backend.AcquireQueuedAsync(RuntimeFixture.Client, default, CancellationToken.None).AsTask();

        onA.Release(default);
        var lease = await fresh.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("a", lease!.Server.Name);
        Assert.Equal(1, lease.BackendQueuePosition);
        Assert.False(retried.IsCompleted);
        Assert.False(freshest.IsCompleted);
        Assert.Equal(2, backend.Queued);

        onB.Release(default);
        Assert.Equal("b", (await retried.WaitAsync(TimeSpan.FromSeconds(5)))!.Server.Name);
        Assert.False(freshest.IsCompleted);
        lease.Release(default);
        Assert.Equal("a", (await freshest.WaitAsync(TimeSpan.FromSeconds(5)))!.Server.Name);
        Assert.Equal(0, backend.Queued);
    }

    [Fact]
    public async Task Queue_WaitersServedOutOfOrder_StillExpireInOrder()
    {
        // A waiter served from behind the head leaves a done entry in the queue; timeout queue still closes the rest.
        var (f, backend, onA, _, failedOnA) = TwoFullServers();
        var retried = backend.AcquireQueuedAsync(RuntimeFixture.Client, failedOnA, CancellationToken.None).AsTask();
        f.Time.Advance(TimeSpan.FromSeconds(1));
        var served = backend.AcquireQueuedAsync(RuntimeFixture.Client, default, CancellationToken.None).AsTask();
        var last = backend.AcquireQueuedAsync(RuntimeFixture.Client, default, CancellationToken.None).AsTask();
        onA.Release(default);
        Assert.NotNull(await served.WaitAsync(TimeSpan.FromSeconds(5)));

        f.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Null(await retried.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(last.IsCompleted);
        f.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await last.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, backend.Queued);
        Assert.Equal(2, backend.Status().QueueTimeouts);
    }

    /// <summary>Servers a and b with maxconn 1, each holding one connection, and the id set of a connection that failed on a.</summary>
    private static (RuntimeFixture Fixture, BackendRuntime Backend, IBackendLease OnA, IBackendLease OnB, ServerIdSet FailedOnA) TwoFullServers()
    {
        var f = new RuntimeFixture();
        var backend = f.Build("""
              timeout queue 5s
              server a 198.18.0.2:6443 maxconn 1
              server b 198.18.0.3:6443 maxconn 1
            """).Backends[0];
        var first = RuntimeFixture.Acquire(backend);
        var second = RuntimeFixture.Acquire(backend);
        var onA = first.Server.Name == "a" ? first : second;
        var failedOnA = default(ServerIdSet);
        failedOnA.Add(onA.Server.Id);
        return (f, backend, onA, first.Server.Name == "a" ? second : first, failedOnA);
    }

    [Fact]
    public async Task QueuedClientGoingAway_LeavesTheQueue()
    {
        var f = new RuntimeFixture();
        var backend = f.Build("server a 198.18.0.2:6443 maxconn 1").Backends[0];
        _ = RuntimeFixture.Acquire(backend);
        using var gone = new CancellationTokenSource();

        var wait = backend.AcquireQueuedAsync(RuntimeFixture.Client, default, gone.Token).AsTask();
        await gone.CancelAsync();

        Assert.Null(await wait.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, backend.Queued);
    }

    [Fact]
    public void Drain_TakesNoNewConnections_EnableBringsItBack()
    {
        var f = new RuntimeFixture();
        var backend = f.Build(Three).Backends[0];

        Assert.True(backend.SetAdminState("b", AdminState.Drain, out var previous));
        Assert.Equal(AdminState.Ready, previous);
        Assert.DoesNotContain("b", Enumerable.Range(0, 4).Select(_ => RuntimeFixture.Acquire(backend).Server.Name));
        Assert.Equal("DRAIN", backend.Status().Servers[1].Status);
        Assert.True(backend.SetAdminState("b", AdminState.Maint, out _));
        Assert.Equal("MAINT", backend.Status().Servers[1].Status);
        Assert.False(backend.IsCheckEnabled(1));

        Assert.True(backend.SetAdminState("b", AdminState.Ready, out _));
        Assert.Contains("b", Enumerable.Range(0, 3).Select(_ => RuntimeFixture.Acquire(backend).Server.Name));
        Assert.False(backend.SetAdminState("nope", AdminState.Drain, out _));
        Assert.Equal(3, f.Events.Admin.Count);
    }

    [Fact]
    public void StatusText_FollowsHaproxy_GoingDownAndGoingUp()
    {
        var f = new RuntimeFixture();
        var backend = f.Build("""
              default-server rise 2 fall 3
              server a 198.18.0.2:6443 check
              server n 198.18.0.3:6443
            """).Backends[0];
        backend.ReportCheck(0, CheckOutcome.Pass());
        Assert.Equal("UP", backend.Status().Servers[0].Status);
        Assert.Equal("no check", backend.Status().Servers[1].Status);

        backend.ReportCheck(0, CheckOutcome.Fail("x"));
        Assert.Equal("UP 2/3", backend.Status().Servers[0].Status);
        backend.ReportCheck(0, CheckOutcome.Fail("x"));
        backend.ReportCheck(0, CheckOutcome.Fail("x"));
        Assert.Equal("DOWN", backend.Status().Servers[0].Status);
        backend.ReportCheck(0, CheckOutcome.Pass());
        Assert.Equal("DOWN 1/2", backend.Status().Servers[0].Status);
        f.Time.Advance(TimeSpan.FromSeconds(3));
        backend.ReportCheck(0, CheckOutcome.Pass());
        var a = backend.Status().Servers[0];
        Assert.Equal("UP", a.Status);
        Assert.Equal(1, a.Downs);
        Assert.Equal(3, a.FailedChecks);
        Assert.Equal(3, a.DowntimeSeconds);
    }
}
