using System.Net.Sockets;
using HaKube.Vrrpd.Interop;
using Tmds.Linux;

namespace HaKube.Vrrpd.Platform;

/// <summary>Opens NETLINK_ROUTE sockets through libc and hands them to the managed <see cref="Socket"/> for async I/O.</summary>
internal static class NetlinkSocketFactory
{
    /// <summary>Opens a socket in the calling thread's network namespace, joined to <paramref name="groups"/> (RTNLGRP_*).</summary>
    public static unsafe Socket Open(ReadOnlySpan<int> groups)
    {
        var fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, Rtnl.NetlinkRoute);
        if (fd < 0)
        {
            throw PlatformException.FromLastError("opening a NETLINK_ROUTE socket");
        }

        var handle = new SafeSocketHandle(fd, ownsHandle: true);
        try
        {
            // Best effort: error replies without the echoed request, and with the kernel's reason text.
            var one = 1;
            _ = LibC.setsockopt(fd, Rtnl.SolNetlink, Rtnl.NetlinkCapAck, &one, sizeof(int));
            _ = LibC.setsockopt(fd, Rtnl.SolNetlink, Rtnl.NetlinkExtAck, &one, sizeof(int));
            var address = new NetlinkSocketAddress { Family = (ushort)LibC.AF_NETLINK };
            if (LibC.bind(fd, (sockaddr*)&address, NetlinkSocketAddress.Size) != 0)
            {
                throw PlatformException.FromLastError("binding a NETLINK_ROUTE socket");
            }

            foreach (var group in groups)
            {
                var g = group;
                if (LibC.setsockopt(fd, Rtnl.SolNetlink, Rtnl.NetlinkAddMembership, &g, sizeof(int)) != 0)
                {
                    throw PlatformException.FromLastError($"joining rtnetlink group {group}");
                }
            }

            return new Socket(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
