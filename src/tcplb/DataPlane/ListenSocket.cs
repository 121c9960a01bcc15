using System.Net;
using System.Net.Sockets;
using HaKube.Tcplb.Interop;
using Tmds.Linux;

namespace HaKube.Tcplb.DataPlane;

/// <summary>Creates nonblocking listening sockets; errors become exceptions here, at start-up, naming the address and the fix.</summary>
internal static unsafe class ListenSocket
{
    public static FileDescriptorHandle Open(IPEndPoint bind, int backlog, bool reusePort, bool freeBind, string frontend)
    {
        var v6 = bind.AddressFamily == AddressFamily.InterNetworkV6;
        var fd = LibC.socket(v6 ? SockAddr.AfInet6 : SockAddr.AfInet, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw Fail("create a socket for", bind, frontend, LibC.errno);
        }

        var handle = new FileDescriptorHandle(fd);
        try
        {
            SetFlag(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, bind, frontend);
            if (reusePort)
            {
                SetFlag(fd, LibC.SOL_SOCKET, LibC.SO_REUSEPORT, bind, frontend);
            }

            if (v6)
            {
                // "*:port" binds [::] and 0.0.0.0 separately, so the v6 socket must not claim v4 too.
                SetFlag(fd, LibC.IPPROTO_IPV6, LibC.IPV6_V6ONLY, bind, frontend);
            }

            if (freeBind)
            {
                SetFlag(fd, v6 ? LibC.IPPROTO_IPV6 : LibC.IPPROTO_IP, v6 ? LibC.IPV6_FREEBIND : LibC.IP_FREEBIND, bind, frontend);
            }

            byte* address = stackalloc byte[SockAddr.StorageSize];
            var length = SockAddr.Write(bind, new Span<byte>(address, SockAddr.StorageSize));
            if (LibC.bind(fd, (sockaddr*)address, length) != 0)
            {
                throw Fail("bind", bind, frontend, LibC.errno);
            }

            if (LibC.listen(fd, backlog) != 0)
            {
                throw Fail("listen on", bind, frontend, LibC.errno);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The local address of a socket, or null when it is not an IP socket.</summary>
    public static IPEndPoint? LocalEndPoint(int fd)
    {
        byte* address = stackalloc byte[SockAddr.StorageSize];
        socklen_t length = SockAddr.StorageSize;
        return LibC.getsockname(fd, (sockaddr*)address, &length) == 0 ? SockAddr.Read(new ReadOnlySpan<byte>(address, SockAddr.StorageSize)) : null;
    }

    private static void SetFlag(int fd, int level, int option, IPEndPoint bind, string frontend)
    {
        var one = 1;
        if (LibC.setsockopt(fd, level, option, &one, sizeof(int)) != 0)
        {
            throw Fail($"set socket option {level}/{option} for", bind, frontend, LibC.errno);
        }
    }

    private static SocketException Fail(string what, IPEndPoint bind, string frontend, int errno)
    {
        var hint = errno == 98 ? " (another process holds the port: stop it, or use systemd socket activation for a handover)" :
                   errno == 13 ? " (ports below 1024 need CAP_NET_BIND_SERVICE)" : string.Empty;
        return new SocketException(errno, $"frontend '{frontend}': cannot {what} {bind}: {Errno.Describe(errno)}{hint}");
    }
}
