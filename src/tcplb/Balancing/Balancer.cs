using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Balancing;

/// <summary>
/// Chooses the server for a new connection of one backend, HAProxy's way: among usable active servers (up, weight
/// above zero, not excluded by a failed connect), and only when there are none, among backup servers (the first usable
/// one, or all with allbackups). A server at its maxconn is skipped; when every usable server is full the connection
/// queues, up to the sum of their maxqueue (unbounded if any is 0). Allocates nothing per pick. Not thread-safe: one per
/// backend, owned by the data plane's loop.
/// </summary>
internal sealed class Balancer
{
    private readonly IServerPicker _picker;
    private readonly bool _allBackups;

    public Balancer(IServerPicker picker, bool allBackups = false)
    {
        _picker = picker;
        _allBackups = allBackups;
    }

    public static Balancer Create(BackendOptions backend, Random? random = null)
    {
        IServerPicker picker = backend.Balance switch
        {
            BalanceAlgorithm.LeastConn => new LeastConnPicker(),
            BalanceAlgorithm.Source => new SourceHashPicker([.. backend.Servers.Select(s => s.Name)]),
            BalanceAlgorithm.Random => new RandomChoicesPicker(random ?? Random.Shared, backend.RandomDraws),
            _ => new RoundRobinPicker(backend.Servers.Length),
        };
        return new Balancer(picker, backend.AllBackups);
    }

    public PickResult Pick(ReadOnlySpan<ServerSnapshot> servers, in PickContext context)
    {
        if (servers.Length > OptionDefaults.MaxServersPerBackend)
        {
            throw new ArgumentOutOfRangeException(nameof(servers), servers.Length, "at most 64 servers per backend");
        }

        Span<long> weights = stackalloc long[servers.Length];
        var result = PickGroup(servers, weights, context, backup: false, context.Excluded);

        // A failed server is avoided when another is usable; if it was the only one, it may be tried again.
        if (result.Outcome == PickOutcome.NoServer && context.Excluded != 0)
        {
            result = PickGroup(servers, weights, context, backup: false, excluded: 0);
        }

        if (result.Outcome == PickOutcome.NoServer)
        {
            result = PickGroup(servers, weights, context, backup: true, context.Excluded);
        }

        if (result.Outcome == PickOutcome.NoServer && context.Excluded != 0)
        {
            result = PickGroup(servers, weights, context, backup: true, excluded: 0);
        }

        return result;
    }

    private PickResult PickGroup(ReadOnlySpan<ServerSnapshot> servers, Span<long> weights, in PickContext context, bool backup, ulong excluded)
    {
        var usable = 0;
        var free = 0;
        long queueBound = 0;
        var unboundedQueue = false;
        for (var i = 0; i < servers.Length; i++)
        {
            weights[i] = 0;
            ref readonly var server = ref servers[i];
            if (server.Backup != backup || server.Status != ServerStatus.Up || (excluded & (1UL << i)) != 0)
            {
                continue;
            }

            var weight = _picker.DynamicWeights ? SlowStart.EffectiveWeight(server, context.Now) : server.Weight * SlowStart.Scale;
            if (weight <= 0 || (backup && !_allBackups && usable > 0))
            {
                continue;
            }

            usable++;
            var maxConn = SlowStart.EffectiveMaxConn(server, context.Now);
            if (maxConn > 0 && server.ActiveConnections >= maxConn)
            {
                unboundedQueue |= server.MaxQueue == 0;
                queueBound += server.MaxQueue;
                continue;
            }

            free++;
            weights[i] = weight;
        }

        if (usable == 0)
        {
            return PickResult.NoServer;
        }

        if (free == 0)
        {
            return unboundedQueue || context.BackendQueued < queueBound
                ? new PickResult(PickOutcome.Queue, -1)
                : new PickResult(PickOutcome.QueueFull, -1);
        }

        var index = _picker.Pick(servers, weights, context);
        return index >= 0 ? PickResult.To(index) : PickResult.NoServer;
    }
}
