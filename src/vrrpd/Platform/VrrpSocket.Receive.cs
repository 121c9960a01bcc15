using System.Net.Sockets;
using HaKube.Vrrpd.Interop;
using Tmds.Linux;

namespace HaKube.Vrrpd.Platform;

internal sealed partial class VrrpSocket
{
    // Room for IP_PKTINFO, or IPV6_PKTINFO plus IPV6_HOPLIMIT, with headers and alignment.
    private const int ControlBufferSize = 128;

    /// <summary>
    /// Waits for the next VRRP packet and copies its VRRP payload to the start of <paramref name="buffer"/>
    /// (give it at least the interface MTU). No allocation per packet: the wait is a zero-byte peek on the
    /// managed socket, the read a non-blocking recvmsg.
    /// </summary>
    public async ValueTask<ReceivedAdvert> ReceiveAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        while (true)
        {
            await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.Peek, ct);
            if (TryReceive(buffer.Span, out var advert))
            {
                return advert;
            }
        }
    }

    /// <summary>Reads one queued packet without waiting; false when none was queued (or it was not a well-formed IPv4 packet).</summary>
    public unsafe bool TryReceive(Span<byte> buffer, out ReceivedAdvert advert)
    {
        advert = default;
        byte* control = stackalloc byte[ControlBufferSize];
        sockaddr_in6 from = default;
        long n;
        int flags;
        fixed (byte* data = buffer)
        {
            var iov = new iovec { iov_base = data, iov_len = buffer.Length };
            var message = new msghdr
            {
                msg_name = &from,
                msg_namelen = sizeof(sockaddr_in6),
                msg_iov = &iov,
                msg_iovlen = 1,
                msg_control = control,
                msg_controllen = ControlBufferSize,
            };
            n = LibC.recvmsg(_fd, &message, LibC.MSG_DONTWAIT);
            if (n < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno is Errno.EAGAIN or Errno.EINTR)
                {
                    return false;
                }

                throw new PlatformException($"receiving VRRP on {Options.InterfaceName}", errno);
            }

            flags = message.msg_flags;
            var ancillary = ReadControl(&message);
            var truncated = (flags & LibC.MSG_TRUNC) != 0;
            var length = (int)Math.Min(n, buffer.Length);
            if (Options.Family == AddressFamily.InterNetwork)
            {
                return TryStripIPv4Header(buffer, length, ancillary.InterfaceIndex, truncated, out advert);
            }

            var source = PacketAddress.FromBytes(new ReadOnlySpan<byte>(from.sin6_addr.s6_addr, 16));
            advert = new ReceivedAdvert(length, source, ancillary.Destination, ancillary.HopLimit, ancillary.InterfaceIndex, truncated);
            return true;
        }
    }

    private bool TryStripIPv4Header(Span<byte> buffer, int length, int interfaceIndex, bool truncated, out ReceivedAdvert advert)
    {
        advert = default;
        // A raw IPv4 socket delivers the IP header; the kernel has already validated it.
        if (length < 20 || buffer[0] >> 4 != 4)
        {
            return false;
        }

        var headerLength = (buffer[0] & 0x0f) * 4;
        if (headerLength < 20 || headerLength > length)
        {
            return false;
        }

        var ttl = buffer[8];
        var source = PacketAddress.FromBytes(buffer[12..16]);
        var destination = PacketAddress.FromBytes(buffer[16..20]);
        var payload = length - headerLength;
        buffer[headerLength..length].CopyTo(buffer);
        advert = new ReceivedAdvert(payload, source, destination, ttl, interfaceIndex == 0 ? Options.InterfaceIndex : interfaceIndex, truncated);
        return true;
    }

    private unsafe Ancillary ReadControl(msghdr* message)
    {
        var result = new Ancillary(Options.InterfaceIndex, default, -1);
        for (var c = LibC.CMSG_FIRSTHDR(message); c != null; c = LibC.CMSG_NXTHDR(message, c))
        {
            var data = new ReadOnlySpan<byte>(LibC.CMSG_DATA(c), (int)(uint)c->cmsg_len - ControlLength(0));
            if (c->cmsg_level == LibC.IPPROTO_IP && c->cmsg_type == LibC.IP_PKTINFO && data.Length >= sizeof(in_pktinfo))
            {
                var info = (in_pktinfo*)LibC.CMSG_DATA(c);
                result = result with { InterfaceIndex = info->ipi_ifindex };
            }
            else if (c->cmsg_level == LibC.IPPROTO_IPV6 && c->cmsg_type == LibC.IPV6_PKTINFO && data.Length >= sizeof(in6_pktinfo))
            {
                var info = (in6_pktinfo*)LibC.CMSG_DATA(c);
                result = result with { Destination = PacketAddress.FromBytes(data[..16]), InterfaceIndex = (int)info->ipi6_ifindex };
            }
            else if (c->cmsg_level == LibC.IPPROTO_IPV6 && c->cmsg_type == LibC.IPV6_HOPLIMIT && data.Length >= sizeof(int))
            {
                result = result with { HopLimit = *(int*)LibC.CMSG_DATA(c) };
            }
        }

        return result;
    }

    private readonly record struct Ancillary(int InterfaceIndex, PacketAddress Destination, int HopLimit);
}
