using BenchmarkDotNet.Attributes;
using HaKube.Tcplb.Balancing;

namespace HaKube.Bench;

/// <summary>The pick path of every balancing algorithm on the guide's three servers: must allocate nothing.</summary>
[MemoryDiagnoser]
public class BalancerBenchmarks
{
    private readonly ServerSnapshot[] _servers =
    [
        new() { Status = ServerStatus.Up, Weight = 100, MaxConn = 250, MaxQueue = 256, ActiveConnections = 10 },
        new() { Status = ServerStatus.Up, Weight = 100, MaxConn = 250, MaxQueue = 256, ActiveConnections = 12, SlowStart = TimeSpan.FromSeconds(60), RecoveredAt = DateTimeOffset.UnixEpoch },
        new() { Status = ServerStatus.Up, Weight = 100, MaxConn = 250, MaxQueue = 256, ActiveConnections = 11 },
    ];

    private readonly Balancer _roundRobin = new(new RoundRobinPicker(3));
    private readonly Balancer _leastConn = new(new LeastConnPicker());
    private readonly Balancer _source = new(new SourceHashPicker(["m1", "m2", "m3"]));
    private readonly Balancer _random = new(new RandomChoicesPicker(new Random(1), 2));
    private readonly PickContext _context = new(DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(30), ClientHash: 0x1234_5678_9abc_def0);

    [Benchmark(Baseline = true)]
    public int RoundRobin() => _roundRobin.Pick(_servers, _context).Server;

    [Benchmark]
    public int LeastConn() => _leastConn.Pick(_servers, _context).Server;

    [Benchmark]
    public int Source() => _source.Pick(_servers, _context).Server;

    [Benchmark]
    public int RandomTwoChoices() => _random.Pick(_servers, _context).Server;
}
