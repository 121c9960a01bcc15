using System.Collections.Concurrent;
using System.Net.Sockets;

namespace HaKube.Common.Net;

/// <summary>
/// Accepts connections on a listening socket until stopped and serves each on a task of its own, so one slow
/// client never holds up another. Accept errors (EMFILE and friends) back off instead of spinning. Beyond
/// <c>maxConnections</c> live connections a client is still handed to the serve callback, flagged as over the
/// limit, so each protocol can refuse it in its own words. Used by the admin socket and the metrics endpoint.
/// </summary>
internal sealed class SocketServer
{
    private static readonly TimeSpan AcceptBackoff = TimeSpan.FromMilliseconds(200);
    private readonly Socket _listener;
    private readonly int _maxConnections;
    private readonly Func<Socket, bool, CancellationToken, Task> _serve;
    private readonly Action<SocketException> _acceptFailed;
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private long _nextId;
    private int _live;
    private Task? _acceptLoop;

    /// <param name="listener">A bound, listening socket; dispose it to stop accepting.</param>
    /// <param name="maxConnections">Live connections beyond which a client is served flagged as over the limit.</param>
    /// <param name="serve">Serves one client: (socket, over the limit, stopping token). It owns the socket.</param>
    /// <param name="acceptFailed">Told about each failed accept before the back-off.</param>
    public SocketServer(Socket listener, int maxConnections, Func<Socket, bool, CancellationToken, Task> serve, Action<SocketException> acceptFailed)
    {
        _listener = listener;
        _maxConnections = maxConnections;
        _serve = serve;
        _acceptFailed = acceptFailed;
    }

    /// <summary>Starts accepting; stops when <paramref name="stopping"/> is cancelled and the listener disposed.</summary>
    public void Start(CancellationToken stopping) => _acceptLoop = AcceptLoopAsync(stopping);

    /// <summary>Waits for the accept loop and every connection to end (cancel the start token first).</summary>
    public async Task WhenStoppedAsync()
    {
        if (_acceptLoop is not null)
        {
            await _acceptLoop;
        }

        await Task.WhenAll(_connections.Values);
    }

    private async Task AcceptLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                _acceptFailed(e);
                try
                {
                    await Task.Delay(AcceptBackoff, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            var id = Interlocked.Increment(ref _nextId);
            var overLimit = Interlocked.Increment(ref _live) > _maxConnections;
            // The connection's task removes itself when done; registering first means it can never miss itself.
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[id] = ServeAsync(client, overLimit, id, registered.Task, stopping);
            registered.SetResult();
        }
    }

    private async Task ServeAsync(Socket client, bool overLimit, long id, Task registered, CancellationToken stopping)
    {
        await registered;
        try
        {
            await _serve(client, overLimit, stopping);
        }
        finally
        {
            Interlocked.Decrement(ref _live);
            _connections.TryRemove(id, out _);
        }
    }
}
