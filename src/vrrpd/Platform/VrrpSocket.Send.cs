using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Tmds.Linux;

namespace HaKube.Vrrpd.Platform;

internal sealed partial class VrrpSocket
{
    /// <summary>
    /// Sends one VRRP payload (the kernel adds the IP header: TTL / hop limit 255, protocol 112) from
    /// <see cref="Source"/> to <paramref name="destination"/> out of this interface. Never blocks and never
    /// allocates; a failure (ENETDOWN, ENOBUFS, a full send buffer, ...) is returned, not thrown.
    /// </summary>
    public unsafe SocketError Send(ReadOnlySpan<byte> payload, PacketAddress destination)
    {
        if (destination.Family != Options.Family)
        {
            throw new ArgumentException($"cannot send to {destination} from the {Options.Family} VRRP socket on {Options.InterfaceName}", nameof(destination));
        }

        var v6 = Options.Family == AddressFamily.InterNetworkV6;
        byte* control = stackalloc byte[ControlBufferSize];
        new Span<byte>(control, ControlBufferSize).Clear();
        sockaddr_in6 to6 = default;
        sockaddr_in to4 = default;
        long n;
        fixed (byte* data = payload)
        {
            var iov = new iovec { iov_base = data, iov_len = payload.Length };
            var message = new msghdr { msg_iov = &iov, msg_iovlen = 1, msg_control = control };
            if (v6)
            {
                to6.sin6_family = (ushort)LibC.AF_INET6;
                destination.WriteTo(new Span<byte>(to6.sin6_addr.s6_addr, 16));
                to6.sin6_scope_id = (uint)Options.InterfaceIndex;
                message.msg_name = &to6;
                message.msg_namelen = sizeof(sockaddr_in6);
                message.msg_controllen = LibC.CMSG_SPACE(sizeof(in6_pktinfo));
                var c = LibC.CMSG_FIRSTHDR(&message);
                c->cmsg_level = LibC.IPPROTO_IPV6;
                c->cmsg_type = LibC.IPV6_PKTINFO;
                c->cmsg_len = ControlLength(sizeof(in6_pktinfo));
                var info = (in6_pktinfo*)LibC.CMSG_DATA(c);
                Source.WriteTo(new Span<byte>(info->ipi6_addr.s6_addr, 16));
                info->ipi6_ifindex = (uint)Options.InterfaceIndex;
            }
            else
            {
                to4.sin_family = (ushort)LibC.AF_INET;
                destination.WriteTo(new Span<byte>(to4.sin_addr.s_addr, 4));
                message.msg_name = &to4;
                message.msg_namelen = sizeof(sockaddr_in);
                message.msg_controllen = LibC.CMSG_SPACE(sizeof(in_pktinfo));
                var c = LibC.CMSG_FIRSTHDR(&message);
                c->cmsg_level = LibC.IPPROTO_IP;
                c->cmsg_type = LibC.IP_PKTINFO;
                c->cmsg_len = ControlLength(sizeof(in_pktinfo));
                var info = (in_pktinfo*)LibC.CMSG_DATA(c);
                // ipi_spec_dst picks the source address; ipi_ifindex the way out.
                Source.WriteTo(new Span<byte>(info->ipi_spec_dst.s_addr, 4));
                info->ipi_ifindex = Options.InterfaceIndex;
            }

            n = LibC.sendmsg(_fd, &message, LibC.MSG_DONTWAIT | LibC.MSG_NOSIGNAL);
        }

        return n >= 0 ? SocketError.Success : SendErrors.FromErrno(Marshal.GetLastPInvokeError());
    }

    /// <summary>Sends to <paramref name="destination"/>; see <see cref="Send(ReadOnlySpan{byte}, PacketAddress)"/>.</summary>
    public SocketError Send(ReadOnlySpan<byte> payload, IPAddress destination)
        => Send(payload, PacketAddress.FromIPAddress(destination));

    /// <summary>Sends to the multicast group of this socket's family.</summary>
    public SocketError SendMulticast(ReadOnlySpan<byte> payload)
        => Send(payload, MulticastGroup);

    /// <summary>
    /// CMSG_LEN as glibc defines it: the aligned header plus the data, unpadded. (Tmds.LibC 0.5's CMSG_LEN
    /// pads the data too, and Linux refuses an IP_PKTINFO whose length is not exactly this.)
    /// </summary>
    private static unsafe int ControlLength(int dataLength) => ((sizeof(cmsghdr) + 7) & ~7) + dataLength;
}
