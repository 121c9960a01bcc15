using System.Net.Sockets;

namespace HaKube.Vrrpd.Platform;

/// <summary>Maps the errno of a failed send to a <see cref="SocketError"/> the caller can count and log.</summary>
internal static class SendErrors
{
    public static SocketError FromErrno(int errno) => errno switch
    {
        1 or 13 => SocketError.AccessDenied,           // EPERM (a firewall rule), EACCES
        11 => SocketError.WouldBlock,                  // EAGAIN: send buffer full
        19 or 100 => SocketError.NetworkDown,          // ENODEV, ENETDOWN
        22 => SocketError.InvalidArgument,             // EINVAL: e.g. a tentative IPv6 source
        90 => SocketError.MessageSize,                 // EMSGSIZE
        99 => SocketError.AddressNotAvailable,         // EADDRNOTAVAIL: the source is not ours (yet)
        101 => SocketError.NetworkUnreachable,         // ENETUNREACH
        105 => SocketError.NoBufferSpaceAvailable,     // ENOBUFS
        113 => SocketError.HostUnreachable,            // EHOSTUNREACH
        _ => SocketError.SocketError,
    };
}
