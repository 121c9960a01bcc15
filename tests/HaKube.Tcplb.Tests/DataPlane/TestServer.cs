using System.Net;
using System.Net.Sockets;

namespace HaKube.Tcplb.Tests.DataPlane;

/// <summary>A loopback TCP server whose connections each run a handler; disposing closes it and every connection.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<Socket, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _accepted = [];
    private readonly Task _acceptLoop;

    public TestServer(Func<Socket, CancellationToken, Task> handler, IPAddress? address = null)
    {
        _handler = handler;
        address ??= IPAddress.Loopback;
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(address, 0));
        _listener.Listen(1024);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        // Off xunit's synchronization context, which has as few threads as the machine has cores.
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint EndPoint { get; }

    public int Accepted;

    /// <summary>Echoes every byte and passes the client's FIN back.</summary>
    public static TestServer Echo(IPAddress? address = null) => new(async (s, ct) =>
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var n = await s.ReceiveAsync(buffer, ct);
            if (n == 0)
            {
                s.Shutdown(SocketShutdown.Send);
                return;
            }

            await s.SendAsync(buffer.AsMemory(0, n), ct);
        }
    }, address);

    /// <summary>Reads the whole request up to the client's FIN, sends <paramref name="answer"/>'s text for it, and closes its side.</summary>
    public static TestServer AnswerAtFin(Func<byte[], string> answer) => new(async (s, ct) =>
    {
        var request = await SocketIo.ReadToEndAsync(s, ct);
        await s.SendAsync(System.Text.Encoding.ASCII.GetBytes(answer(request)), ct);
        s.Shutdown(SocketShutdown.Send);
    });

    /// <summary>Accepts and closes at once: a server that is stopping.</summary>
    public static TestServer AcceptAndClose() => new((s, _) =>
    {
        s.Close();
        return Task.CompletedTask;
    });

    /// <summary>Accepts, reads, and never answers.</summary>
    public static TestServer Silent() => new(async (s, ct) =>
    {
        var buffer = new byte[4096];
        while (await s.ReceiveAsync(buffer, ct) > 0)
        {
        }
    });

    /// <summary>A loopback address nobody listens on (connect is refused).</summary>
    public static IPEndPoint ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)probe.LocalEndPoint!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        lock (_accepted)
        {
            foreach (var s in _accepted)
            {
                s.Dispose();
            }
        }

        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var s = await _listener.AcceptAsync(_stop.Token);
            Interlocked.Increment(ref Accepted);
            lock (_accepted)
            {
                _accepted.Add(s);
            }

            _ = Task.Run(() => RunAsync(s));
        }
    }

    private async Task RunAsync(Socket s)
    {
        try
        {
            await _handler(s, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The test closed the server or the client went away.
        }
    }
}
