using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using HaKube.NetLab;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

/// <summary>An engine with one frontend "fe" on loopback port 0 in front of the given servers; collects its log entries.</summary>
internal sealed class EngineFixture : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private EngineFixture(ProxyEngine engine, TestScheduler scheduler, ConcurrentQueue<ConnectionLogEntry> log)
    {
        Engine = engine;
        Scheduler = scheduler;
        Log = log;
    }

    public ProxyEngine Engine { get; }

    public TestScheduler Scheduler { get; }

    public ConcurrentQueue<ConnectionLogEntry> Log { get; }

    public IPEndPoint EndPoint => Engine.LocalEndPoints("fe")[0];

    public static BackendServer Server(int id, IPEndPoint endPoint) => new(id, "be", $"srv{id}", endPoint);

    public static async Task<EngineFixture> StartAsync(
        IReadOnlyList<BackendServer> servers,
        Func<FrontendOptions, FrontendOptions>? configure = null,
        Func<EngineOptions, EngineOptions>? configureEngine = null,
        IReadOnlyList<IPEndPoint>? bind = null)
    {
        var scheduler = new TestScheduler([.. servers]);
        var log = new ConcurrentQueue<ConnectionLogEntry>();
        var frontend = new FrontendOptions
        {
            Name = "fe",
            BackendName = "be",
            Bind = bind ?? [new IPEndPoint(IPAddress.Loopback, 0)],
            Scheduler = scheduler,
            Timeouts = new ProxyTimeouts { Connect = TimeSpan.FromSeconds(5), Client = TimeSpan.FromSeconds(30), Server = TimeSpan.FromSeconds(30) },
            Log = log.Enqueue,
        };
        frontend = configure?.Invoke(frontend) ?? frontend;
        var options = new EngineOptions { LoopCount = 2 };
        options = configureEngine?.Invoke(options) ?? options;
        var engine = new ProxyEngine(options, [frontend]);
        await engine.StartAsync();
        return new EngineFixture(engine, scheduler, log);
    }

    public async Task<Socket> ConnectAsync(IPEndPoint? to = null)
    {
        var target = to ?? EndPoint;
        var s = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await s.ConnectAsync(target);
        return s;
    }

    /// <summary>Waits until the engine has logged <paramref name="count"/> closed sessions.</summary>
    public Task WaitForLogAsync(int count) => Wait.UntilAsync(() => Log.Count >= count, Bound, $"{count} log entries");

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
