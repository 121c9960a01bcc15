using HaKube.Tcplb.Balancing;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;
using HaKube.Tcplb.Health;

namespace HaKube.Tcplb.Runtime;

/// <summary>
/// The scheduler of one backend: picks servers with its <see cref="Balancer"/> from the servers' health
/// (<see cref="BackendHealth"/>, fed by active checks and failed connects), operator state and live counters; queues
/// connections when every usable server is at maxconn; closes a server's sessions after its grace once checks mark it
/// down. Loop threads call in concurrently: one short lock guards the pure parts, which are not thread-safe. Split by
/// concern: queue in BackendRuntime.Queue.cs, health and operator state in BackendRuntime.Health.cs, status in
/// BackendRuntime.Status.cs.
/// </summary>
internal sealed partial class BackendRuntime : IBackendScheduler
{
    private readonly Lock _gate = new();
    private readonly ServerRuntime[] _servers;
    private readonly ServerSnapshot[] _snapshots;
    private readonly Balancer _balancer;
    private readonly BackendHealth _health;
    private readonly TimeProvider _time;
    private readonly IRuntimeEvents _events;
    private BackendRuntime? _successor;
    private long _redispatches;
    private long _refused;

    /// <summary>
    /// Takes over <paramref name="servers"/> (new, or carried over from the previous configuration, in the order of
    /// <paramref name="options"/>); <paramref name="restored"/> gives the health state to carry over per server (null = start up).
    /// </summary>
    public BackendRuntime(
        BackendOptions options,
        IReadOnlyList<ServerRuntime> servers,
        TimeProvider time,
        IRuntimeEvents events,
        IReadOnlyList<ServerHealthState?>? restored = null,
        Random? random = null)
    {
        if (servers.Count != options.Servers.Length)
        {
            throw new ArgumentException("one runtime per configured server", nameof(servers));
        }

        Options = options;
        _time = time;
        _events = events;
        _servers = [.. servers];
        _snapshots = [.. options.Servers.Select(ServerSnapshot.From)];
        _balancer = Balancer.Create(options, random);
        _health = new BackendHealth(options);
        _closeTimers = new ITimer?[_servers.Length];
        var queue = options.Timeouts.Queue == Timeout.InfiniteTimeSpan ? options.Timeouts.Connect : options.Timeouts.Queue;
        _queueTimeout = queue <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : queue;
        var now = time.GetUtcNow();
        for (var i = 0; i < _servers.Length; i++)
        {
            var server = _servers[i];
            server.Options = options.Servers[i];
            server.Index = i;
            server.Owner = this;
            if (restored is not null && restored[i] is { } state)
            {
                _health.Restore(i, state);
                if (state.CloseSessionsAt is { } at && !state.IsUp)
                {
                    ArmCloseTimerLocked(i, at, now);
                }
            }
        }
    }

    public BackendOptions Options { get; }

    public string Name => Options.Name;

    public IReadOnlyList<ServerRuntime> Servers => _servers;

    /// <summary>Servers up by health (active checks and passive mark-down) and not in maintenance.</summary>
    public int HealthyCount
    {
        get
        {
            lock (_gate)
            {
                var healthy = 0;
                for (var i = 0; i < _servers.Length; i++)
                {
                    healthy += _health[i].IsUp && _servers[i].Admin != AdminState.Maint ? 1 : 0;
                }

                return healthy;
            }
        }
    }

    /// <summary>The current health state of server <paramref name="index"/>, to carry over a reload.</summary>
    public ServerHealthState HealthOf(int index)
    {
        lock (_gate)
        {
            return _health[index];
        }
    }

    public AcquireStatus TryAcquire(in ClientConnectionInfo client, in ServerIdSet excluded, out IBackendLease? lease)
    {
        if (Volatile.Read(ref _successor) is { } next)
        {
            return next.TryAcquire(client, excluded, out lease);
        }

        var hash = Options.Balance == BalanceAlgorithm.Source ? SourceHash.Compute(client.Client.Address) : 0;
        lock (_gate)
        {
            var result = PickLocked(hash, Mask(excluded));
            switch (result.Outcome)
            {
                case PickOutcome.Server:
                    if (excluded.Count > 0)
                    {
                        _redispatches++;
                    }

                    lease = LeaseLocked(result.Server, 0);
                    return AcquireStatus.Acquired;
                case PickOutcome.Queue:
                    lease = null;
                    return AcquireStatus.MustQueue;
                default:
                    _refused++;
                    lease = null;
                    return AcquireStatus.NoServer;
            }
        }
    }

    public RetryContext RetryContext(IBackendLease lease)
    {
        var failed = lease.Server;
        if (Volatile.Read(ref _successor) is { } next)
        {
            return next.RetryContext(lease);
        }

        lock (_gate)
        {
            var usableActive = 0;
            var failedUp = false;
            for (var i = 0; i < _servers.Length; i++)
            {
                var server = _servers[i];
                var usable = StatusOf(server, _health[i]) == ServerStatus.Up && server.Options.Weight > 0;
                usableActive += usable && !server.Options.Backup ? 1 : 0;
                failedUp |= usable && server.Server.Id == failed.Id;
            }

            // HAProxy: "not persistent, balancing not determinist, more than one active server" (hash-based picks are).
            var spreads = Options.Balance is BalanceAlgorithm.RoundRobin or BalanceAlgorithm.LeastConn && usableActive > 1;
            return new RetryContext(failedUp, spreads);
        }
    }

    /// <summary>From now on, new connections and retries go to <paramref name="successor"/> (the reloaded configuration); queued ones move there.</summary>
    public void Retire(BackendRuntime? successor)
    {
        List<QueueWaiter> moved = [];
        lock (_gate)
        {
            Volatile.Write(ref _successor, successor);
            while (TryTakeNextLocked(out var waiter))
            {
                moved.Add(waiter);
            }

            _queueTimer?.Dispose();
            _queueTimer = null;
            for (var i = 0; i < _closeTimers.Length; i++)
            {
                _closeTimers[i]?.Dispose();
                _closeTimers[i] = null;
            }
        }

        foreach (var waiter in moved)
        {
            if (successor is null)
            {
                waiter.Complete(null);
            }
            else
            {
                successor.Adopt(waiter);
            }
        }
    }

    private PickResult PickLocked(ulong clientHash, ulong excluded)
    {
        for (var i = 0; i < _servers.Length; i++)
        {
            var server = _servers[i];
            _snapshots[i] = _snapshots[i] with
            {
                Status = StatusOf(server, _health[i]),
                ActiveConnections = server.Active,
                RecoveredAt = server.RecoveredAt,
            };
        }

        return _balancer.Pick(_snapshots, new PickContext(_time.GetUtcNow(), clientHash, excluded, _queueLive));
    }

    private BackendLease LeaseLocked(int index, int queuePosition)
    {
        var server = _servers[index];
        server.Enter();
        return new BackendLease(server, queuePosition);
    }

    private static ServerStatus StatusOf(ServerRuntime server, in ServerHealthState health) => server.Admin switch
    {
        AdminState.Maint => ServerStatus.Disabled,
        _ when !health.IsUp => ServerStatus.Down,
        AdminState.Drain => ServerStatus.Draining,
        _ => ServerStatus.Up,
    };

    /// <summary>Ids of servers a connection already failed on, as the balancer's index mask.</summary>
    private ulong Mask(in ServerIdSet excluded)
    {
        if (excluded.Count == 0)
        {
            return 0;
        }

        ulong mask = 0;
        for (var i = 0; i < _servers.Length; i++)
        {
            if (excluded.Contains(_servers[i].Id))
            {
                mask |= 1UL << i;
            }
        }

        return mask;
    }
}
