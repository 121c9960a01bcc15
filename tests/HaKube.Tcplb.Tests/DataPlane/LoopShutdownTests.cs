using HaKube.NetLab;
using HaKube.Tcplb.Balancing;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

/// <summary>What other threads hand an event loop as it ends: nothing is lost, nothing written to a closed descriptor.</summary>
public sealed class LoopShutdownTests
{
    [Fact]
    public async Task QueuedConnection_ServerSlotHandedOverAsTheLoopEnds_GoesBackToTheServer()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        var scheduler = new QueueingScheduler(EngineFixture.Server(1, echo.EndPoint));
        await using var lb = await EngineFixture.StartAsync([], f => f with { Scheduler = scheduler }, e => e with { LoopCount = 1 });
        using var client = await lb.ConnectAsync();
        await scheduler.Waiting.Task.WaitAsync(cts.Token);
        await lb.DisposeAsync(); // the balancer stops with the connection still queued (disposing again at the end is a no-op)

        // The server frees a slot for the waiting connection just after its loop ended (the balancer shutting down):
        // the hand-over finds no session, and the slot must still go back, or the server stays one short for good.
        scheduler.Grant.SetResult(scheduler.NewLease());

        await Wait.UntilAsync(() => Volatile.Read(ref scheduler.Released) == 1, EngineFixture.Bound, "the handed-over slot released");
        Assert.Equal(0, echo.Accepted);
    }

    /// <summary>Every server at maxconn: each connection queues, and the test decides when (and whether) a slot comes.</summary>
    private sealed class QueueingScheduler(BackendServer server) : IBackendScheduler
    {
        public int Released;

        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<IBackendLease?> Grant { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IBackendLease NewLease() => new Lease(this, server);

        public AcquireStatus TryAcquire(in ClientConnectionInfo client, in ServerIdSet excluded, out IBackendLease? lease)
        {
            lease = null;
            return AcquireStatus.MustQueue;
        }

        public RetryContext RetryContext(IBackendLease lease) => new(true, false);

        /// <summary>Ignores cancellation, as a slot handed over in the same instant as the cancel is.</summary>
        public ValueTask<IBackendLease?> AcquireQueuedAsync(ClientConnectionInfo client, ServerIdSet excluded, CancellationToken cancellationToken)
        {
            Waiting.TrySetResult();
            return new ValueTask<IBackendLease?>(Grant.Task);
        }

        private sealed class Lease(QueueingScheduler owner, BackendServer server) : IBackendLease
        {
            public BackendServer Server => server;

            public int ServerQueuePosition => 0;

            public int BackendQueuePosition => 0;

            public void ReportConnected()
            {
            }

            public void ReportConnectFailed(ConnectFailure failure)
            {
            }

            public void Release(in SessionTotals totals) => Interlocked.Increment(ref owner.Released);
        }
    }
}
