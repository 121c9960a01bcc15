using System.Net;
using System.Net.Sockets;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Logging;

/// <summary>
/// A syslog socket: a unix datagram socket path (/dev/log) or a UDP host:port. Unconnected, non-blocking, one datagram
/// per line, as HAProxy sends (sendmsg with MSG_DONTWAIT): a syslog daemon that restarts is reached again at once.
/// </summary>
internal sealed class DatagramSink : LogSink
{
    private readonly LogTargetOptions _target;
    private Socket? _socket;
    private EndPoint? _endPoint;

    public DatagramSink(LogTargetOptions target, TimeProvider time)
        : base(target.Target, time)
    {
        if (target.Kind is not (LogTargetKind.UnixSocket or LogTargetKind.Udp))
        {
            throw new ArgumentException("a unix socket or UDP target", nameof(target));
        }

        _target = target;
    }

    protected override void Open()
    {
        if (_target.Kind == LogTargetKind.UnixSocket)
        {
            _endPoint = new UnixDomainSocketEndPoint(_target.Path!);
            _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
            return;
        }

        var address = IPAddress.TryParse(_target.Host, out var ip) ? ip : Resolve(_target.Host!, _target.Family);
        _endPoint = new IPEndPoint(address, _target.Port);
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
    }

    protected override bool TrySend(byte[] line)
    {
        try
        {
            _socket!.SendTo(line, SocketFlags.None, _endPoint!);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.NoBufferSpaceAvailable)
        {
            return false;
        }
    }

    protected override void Reset()
    {
        _socket?.Dispose();
        _socket = null;
    }

    /// <summary>A host name's first address of the wanted family (IPv4 first when any will do).</summary>
    private static IPAddress Resolve(string host, AddressFamily family)
    {
        var addresses = Dns.GetHostAddresses(host);
        return addresses.FirstOrDefault(a => family == AddressFamily.Unspecified ? a.AddressFamily == AddressFamily.InterNetwork : a.AddressFamily == family)
            ?? addresses.FirstOrDefault(a => family == AddressFamily.Unspecified)
            ?? throw new SocketException((int)SocketError.HostNotFound, $"'{host}' has no {(family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")} address");
    }
}
