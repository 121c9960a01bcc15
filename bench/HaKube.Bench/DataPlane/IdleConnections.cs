using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using HaKube.Bench.Fixtures;
using HaKube.NetLab;

namespace HaKube.Bench.DataPlane;

/// <summary>
/// 5,000 idle connections from the client through a balancer, held open: the balancer's resident memory while it
/// holds them, and how many of them a file's limits let through to a backend.
/// </summary>
internal static class IdleConnections
{
    private const int ConnectParallelism = 256;
    private const int HandshakeParallelism = 32;

    /// <summary>What one hold of the connections found.</summary>
    public sealed record Hold(int Opened, int ConnectFailures, int Served, int ClosedByBalancer, long RssBeforeKib, long RssHoldingKib);

    /// <summary>
    /// Opens <paramref name="count"/> connections and completes a TLS handshake on each (so each has carried data both
    /// ways, as a real client's has), reads the balancer's VmRSS while all are held, then closes them all.
    /// </summary>
    public static async Task<Hold> HoldWithHandshakesAsync(
        LabHost client, IPEndPoint target, int balancerPid, IReadOnlyList<LabHost> backends, BenchCertificate cert, int count, CancellationToken ct)
    {
        var before = ProcessMemory.TreeRssKib(balancerPid);
        var sockets = await ConnectAllAsync(client, target, count, ct);
        var streams = new List<SslStream>(count);
        try
        {
            var open = sockets.OfType<Socket>().ToArray();
            using var gate = new SemaphoreSlim(HandshakeParallelism);
            var handshakes = open.Select(async s =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    var tls = await TlsGet.HandshakeAsync(s, cert, ct);
                    lock (streams)
                    {
                        streams.Add(tls);
                    }
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(handshakes);
            var served = await CountServedAsync(backends, ct);
            long holding = 0;
            for (var i = 0; i < 3; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                holding = Math.Max(holding, ProcessMemory.TreeRssKib(balancerPid));
            }

            return new Hold(open.Length, count - open.Length, served, ClosedCount(open), before, holding);
        }
        finally
        {
            foreach (var s in streams)
            {
                await s.DisposeAsync();
            }

            await CloseAllAsync(sockets, backends);
        }
    }

    /// <summary>
    /// Opens <paramref name="count"/> TCP connections and holds them without sending, longer than the file's queue
    /// timeout (<paramref name="settle"/>), then counts those a backend holds and those the balancer closed.
    /// </summary>
    public static async Task<Hold> HoldPlainAsync(
        LabHost client, IPEndPoint target, int balancerPid, IReadOnlyList<LabHost> backends, int count, TimeSpan settle, CancellationToken ct)
    {
        var before = ProcessMemory.TreeRssKib(balancerPid);
        var sockets = await ConnectAllAsync(client, target, count, ct);
        try
        {
            await Task.Delay(settle, ct);
            var open = sockets.OfType<Socket>().ToArray();
            var served = await CountServedAsync(backends, ct);
            return new Hold(open.Length, count - open.Length, served, ClosedCount(open), before, ProcessMemory.TreeRssKib(balancerPid));
        }
        finally
        {
            await CloseAllAsync(sockets, backends);
        }
    }

    private static async Task<Socket?[]> ConnectAllAsync(LabHost client, IPEndPoint target, int count, CancellationToken ct)
    {
        var sockets = await client.InNamespaceAsync(() =>
            Enumerable.Range(0, count).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ToArray());
        var connected = new Socket?[count];
        using var gate = new SemaphoreSlim(ConnectParallelism);
        await Task.WhenAll(sockets.Select(async (s, i) =>
        {
            await gate.WaitAsync(ct);
            try
            {
                using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
                bound.CancelAfter(TimeSpan.FromSeconds(5));
                await s.ConnectAsync(target, bound.Token);
                connected[i] = s;
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                s.Dispose();
            }
            finally
            {
                gate.Release();
            }
        }));
        return connected;
    }

    /// <summary>A socket the balancer closed is readable with nothing to read (FIN) or in error (RST).</summary>
    private static int ClosedCount(Socket[] open) => open.Count(s =>
    {
        try
        {
            return s.Poll(0, SelectMode.SelectRead) && s.Available == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    });

    /// <summary>Established connections the backends hold on :6443 (during these tests only the balancer connects to them).</summary>
    private static async Task<int> CountServedAsync(IReadOnlyList<LabHost> backends, CancellationToken ct)
    {
        var total = 0;
        foreach (var b in backends)
        {
            var r = await b.RunCheckedAsync(["ss", "-Htn", "state", "established", "sport", "=", ":6443"], ct: ct);
            total += r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        }

        return total;
    }

    private static async Task CloseAllAsync(Socket?[] sockets, IReadOnlyList<LabHost> backends)
    {
        foreach (var s in sockets)
        {
            s?.Dispose();
        }

        // The next run starts from quiet backends: wait (bounded) until they have dropped these connections.
        await Wait.UntilAsync(async ct => await CountServedAsync(backends, ct) < 10, TimeSpan.FromSeconds(30),
            string.Create(CultureInfo.InvariantCulture, $"the backends to drop {sockets.Length} held connections"));
    }
}
