using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Bench;

/// <summary>
/// Forwarding throughput of the tcplb engine over loopback: the client sends <see cref="Bytes"/> through the engine to a sink that
/// acknowledges with one byte. [MemoryDiagnoser] counts every allocation in the process, engine loops included.
/// </summary>
[MemoryDiagnoser]
public class CopyLoopBenchmarks : IDisposable
{
    private readonly byte[] _chunk = new byte[64 * 1024];
    private readonly byte[] _ack = new byte[1];
    private Socket _sinkListener = null!;
    private Socket _sink = null!;
    private Socket _client = null!;
    private ProxyEngine _engine = null!;
    private Task _sinkLoop = null!;
    private SemaphoreSlim _round = null!;

    [Params(128, 1 << 20, 64 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sinkListener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _sinkListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _sinkListener.Listen(16);
        var server = new BackendServer(1, "be", "sink", (IPEndPoint)_sinkListener.LocalEndPoint!);
        _engine = new ProxyEngine(new EngineOptions { LoopCount = 1 }, [new FrontendOptions
        {
            Name = "fe",
            BackendName = "be",
            Bind = [new IPEndPoint(IPAddress.Loopback, 0)],
            Scheduler = new SingleServerScheduler(server),
        }]);
        _engine.StartAsync().GetAwaiter().GetResult();
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _client.Connect(_engine.LocalEndPoints("fe")[0]);
        _client.Send(_ack); // the engine connects on accept; this byte is the first the sink reads
        _sink = _sinkListener.Accept();
        _ = _sink.Receive(new byte[1]);
        _round = new SemaphoreSlim(0);
        _sinkLoop = Task.Run(SinkAsync);
    }

    [Benchmark]
    public async Task Forward()
    {
        _round.Release();
        for (var sent = 0; sent < Bytes; sent += _chunk.Length)
        {
            await _client.SendAsync(_chunk.AsMemory(0, Math.Min(_chunk.Length, Bytes - sent)), SocketFlags.None);
        }

        _ = await _client.ReceiveAsync(_ack, SocketFlags.None);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _engine is not null)
        {
            _client.Dispose();
            _sink.Dispose();
            _sinkListener.Dispose();
            _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _round.Dispose();
            _ = _sinkLoop.Exception;
            _engine = null!;
        }
    }

    private async Task SinkAsync()
    {
        var buffer = new byte[256 * 1024];
        while (true)
        {
            await _round.WaitAsync();
            long received = 0;
            while (received < Bytes)
            {
                var n = await _sink.ReceiveAsync(buffer, SocketFlags.None);
                if (n == 0)
                {
                    return;
                }

                received += n;
            }

            await _sink.SendAsync(_ack, SocketFlags.None);
        }
    }

    private sealed class SingleServerScheduler(BackendServer server) : IBackendScheduler
    {
        public AcquireStatus TryAcquire(in ClientConnectionInfo client, in ServerIdSet excluded, out IBackendLease? lease)
        {
            lease = new Lease(server);
            return AcquireStatus.Acquired;
        }

        public Tcplb.Balancing.RetryContext RetryContext(IBackendLease lease) => new(ServerUp: true, SpreadsFreely: false);

        public ValueTask<IBackendLease?> AcquireQueuedAsync(ClientConnectionInfo client, ServerIdSet excluded, CancellationToken cancellationToken)
            => ValueTask.FromResult<IBackendLease?>(null);
    }

    private sealed class Lease(BackendServer server) : IBackendLease
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

        public void Release(in SessionTotals totals)
        {
        }
    }
}
