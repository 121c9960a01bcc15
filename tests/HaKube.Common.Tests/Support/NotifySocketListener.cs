using System.Net.Sockets;
using System.Text;

namespace HaKube.Common.Tests.Support;

/// <summary>Plays systemd: a unix datagram socket to point $NOTIFY_SOCKET at; hands back each datagram as text.</summary>
internal sealed class NotifySocketListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    /// <param name="address">A path, or "@name" for an abstract socket.</param>
    public NotifySocketListener(string address)
    {
        Address = address;
        var endpoint = address.StartsWith('@') ? "\0" + address[1..] : address;
        _socket.Bind(new UnixDomainSocketEndPoint(endpoint));
    }

    /// <summary>The value for $NOTIFY_SOCKET.</summary>
    public string Address { get; }

    public async Task<string> ReceiveAsync()
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Until.Bound);
        var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    /// <summary>A datagram already queued, or null: for "nothing was sent" after a later datagram proved ordering.</summary>
    public string? ReceiveIfAny()
    {
        if (_socket.Available == 0)
        {
            return null;
        }

        var buffer = new byte[4096];
        var n = _socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    public void Dispose() => _socket.Dispose();
}
