using System.Net;
using HaKube.Bench.Fixtures;
using HaKube.NetLab;

namespace HaKube.Bench.Failover;

/// <summary>
/// The client's probe loop: every 10 ms a new connection to the VIP (socket made in the client's namespace), a TLS
/// handshake and GET /readyz, each bounded by <see cref="ProbeTimeout"/>. Probes overlap when one is slow, as
/// independent clients would; at most <see cref="MaxInFlight"/> at once, the rest count as failed.
/// </summary>
internal sealed class Prober : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    private const int MaxInFlight = 200;

    private readonly LabHost _client;
    private readonly IPEndPoint _target;
    private readonly BenchCertificate _cert;
    private readonly List<ProbeRecord> _records = [];
    private readonly List<Task> _inFlight = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _running;

    public Prober(LabHost client, IPEndPoint target, BenchCertificate cert, TimeSpan bound)
    {
        _client = client;
        _target = target;
        _cert = cert;
        _stop.CancelAfter(bound);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The probes finished so far, in start order.</summary>
    public IReadOnlyList<ProbeRecord> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records.OrderBy(r => r.Start)];
            }
        }
    }

    /// <summary>Stops launching probes, waits for those in flight, and returns every record.</summary>
    public async Task<IReadOnlyList<ProbeRecord>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Task[] pending;
        lock (_inFlight)
        {
            pending = [.. _inFlight];
        }

        await Task.WhenAll(pending);
        return Records;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                var start = DateTimeOffset.UtcNow;
                if (Volatile.Read(ref _running) >= MaxInFlight)
                {
                    Add(new ProbeRecord(start, start, false));
                    continue;
                }

                Interlocked.Increment(ref _running);
                var probe = ProbeAsync(start);
                lock (_inFlight)
                {
                    _inFlight.RemoveAll(t => t.IsCompleted);
                    _inFlight.Add(probe);
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Bound reached or stopped.
        }
    }

    private async Task ProbeAsync(DateTimeOffset start)
    {
        var ok = false;
        try
        {
            using var bound = new CancellationTokenSource(ProbeTimeout);
            using var socket = await Net.NewSocketAsync(_client);
            await socket.ConnectAsync(_target, bound.Token);
            ok = await TlsGet.GetAsync(socket, _cert, "/readyz", bound.Token) == "ok";
        }
#pragma warning disable CA1031 // Any failure of a probe is a failed probe: refused, reset, timed out, bad TLS.
        catch (Exception)
#pragma warning restore CA1031
        {
            ok = false;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }

        Add(new ProbeRecord(start, DateTimeOffset.UtcNow, ok));
    }

    private void Add(ProbeRecord record)
    {
        lock (_records)
        {
            _records.Add(record);
        }
    }
}
