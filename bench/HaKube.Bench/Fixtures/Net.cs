using System.Net;
using System.Net.Sockets;
using HaKube.NetLab;

namespace HaKube.Bench.Fixtures;

/// <summary>TCP from inside a lab host: sockets are created in the host's namespace, then used from any thread.</summary>
internal static class Net
{
    public static Task<Socket> NewSocketAsync(LabHost host)
        => host.InNamespaceAsync(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true });

    /// <summary>Connects from <paramref name="host"/> to <paramref name="to"/>; null when refused, unreachable or slower than <paramref name="timeout"/>.</summary>
    public static async Task<Socket?> TryConnectAsync(LabHost host, IPEndPoint to, TimeSpan timeout, CancellationToken ct)
    {
        var socket = await NewSocketAsync(host);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(to, bound.Token);
            return socket;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            socket.Dispose();
            return null;
        }
    }

    /// <summary>Waits until <paramref name="from"/> can connect to <paramref name="to"/>; fails at once if <paramref name="server"/> exits first.</summary>
    public static async Task WaitListeningAsync(LabHost from, IPEndPoint to, LabProcess server, TimeSpan bound, CancellationToken ct)
    {
        await Wait.UntilAsync(async token =>
        {
            if (server.HasExited)
            {
                // Reap it first, so the message can carry its exit code.
                await ((Task)server.WaitForExitAsync(TimeSpan.FromSeconds(2), token)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw new DaemonExitedException(server);
            }

            using var s = await TryConnectAsync(from, to, TimeSpan.FromSeconds(1), token);
            return s is not null;
        }, bound, $"{server.CommandLine} on {server.Host} to listen on {to}", ct);
    }
}
