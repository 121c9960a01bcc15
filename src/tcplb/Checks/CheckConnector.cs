using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// The connection of every check: a TCP connect bounded by the check's connect timeout, then, for TLS and HTTPS checks,
/// the handshake with the server's <see cref="CheckTlsContext"/>. Records the phase in the attempt as it goes.
/// </summary>
internal static class CheckConnector
{
    public static async ValueTask<Stream> ConnectAsync(ProbeAttempt attempt, CancellationToken cancellationToken)
    {
        var target = attempt.Target;
        attempt.Phase = ProbePhase.Connect;
        if (target.Port is not { } port)
        {
            throw new ProbeSetupException("no port to check (the server has none: give it one, or a check port)");
        }

        var ip = target.Ip ?? await ResolveAsync(target.Host, cancellationToken);
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var connectBound = new CancellationTokenSource(target.Timeouts.Connect, attempt.Time))
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectBound.Token))
            {
                await socket.ConnectAsync(new IPEndPoint(ip, port), connect.Token);
            }

            var stream = new NetworkStream(socket, ownsSocket: true);
            if (attempt.Tls is null)
            {
                attempt.Phase = ProbePhase.Request;
                return stream;
            }

            attempt.Phase = ProbePhase.Handshake;
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            try
            {
                await tls.AuthenticateAsClientAsync(attempt.Tls.ClientOptions(attempt), cancellationToken);
            }
            catch
            {
                await tls.DisposeAsync();
                throw;
            }

            attempt.Phase = ProbePhase.Request;
            return tls;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async ValueTask<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException e)
        {
            throw new ProbeSetupException($"cannot resolve '{host}': {e.Message}", e);
        }

        // IPv4 first, as the data plane connects.
        return Array.Find(addresses, a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new ProbeSetupException($"cannot resolve '{host}': no address");
    }
}
