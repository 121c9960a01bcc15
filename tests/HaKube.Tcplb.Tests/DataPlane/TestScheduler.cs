using System.Collections.Concurrent;
using HaKube.Tcplb.Balancing;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

/// <summary>Round-robin over fixed servers, skipping excluded ones; records what the engine reports.</summary>
internal sealed class TestScheduler : IBackendScheduler
{
    private readonly BackendServer[] _servers;
    private int _next = -1;

    public TestScheduler(params BackendServer[] servers) => _servers = servers;

    public ConcurrentQueue<(int Server, ConnectFailure Failure)> Failures { get; } = new();

    public int Connected;
    public int Released;

    public AcquireStatus TryAcquire(in ClientConnectionInfo client, in ServerIdSet excluded, out IBackendLease? lease)
    {
        // One turn of the counter per pick, then every server once from there: two loops picking at the same instant
        // must not advance each other's walk (a shared step per server let a retry see its excluded server twice and
        // the free one never, and give up).
        var start = (uint)Interlocked.Increment(ref _next);
        for (var i = 0; i < _servers.Length; i++)
        {
            var server = _servers[(int)((start + (uint)i) % (uint)_servers.Length)];
            if (!excluded.Contains(server.Id))
            {
                lease = new Lease(this, server);
                return AcquireStatus.Acquired;
            }
        }

        lease = null;
        return AcquireStatus.NoServer;
    }

    /// <summary>Round-robin over every server, all up unless a test says otherwise: a retry moves at once when redispatch is on.</summary>
    public RetryContext RetryContext(IBackendLease lease) => new(ServerUp, _servers.Length > 1);

    /// <summary>What <see cref="RetryContext"/> says of a failed server.</summary>
    public bool ServerUp { get; set; } = true;

    public ValueTask<IBackendLease?> AcquireQueuedAsync(ClientConnectionInfo client, ServerIdSet excluded, CancellationToken cancellationToken)
        => ValueTask.FromResult<IBackendLease?>(null);

    private sealed class Lease(TestScheduler owner, BackendServer server) : IBackendLease
    {
        public BackendServer Server => server;

        public int ServerQueuePosition => 0;

        public int BackendQueuePosition => 0;

        public void ReportConnected() => Interlocked.Increment(ref owner.Connected);

        public void ReportConnectFailed(ConnectFailure failure) => owner.Failures.Enqueue((server.Id, failure));

        public void Release(in SessionTotals totals) => Interlocked.Increment(ref owner.Released);
    }
}
