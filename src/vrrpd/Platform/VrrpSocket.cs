using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace HaKube.Vrrpd.Platform;

/// <summary>
/// The raw IP protocol 112 socket of one VRRP instance on one interface: TTL / hop limit 255, multicast loop
/// off, bound to the interface, joined to 224.0.0.18 or ff02::12 when multicast. The managed Socket
/// constructor refuses protocol 112, so the descriptor comes from libc and is wrapped for async waits.
/// </summary>
internal sealed partial class VrrpSocket : IDisposable
{
    /// <summary>IANA: VRRP is IP protocol 112 (RFC 5798 5.1.1.4).</summary>
    public const int IPProtocolVrrp = 112;

    /// <summary>RFC 5798 5.1.1.3 / 5.1.2.3: adverts leave with TTL / hop limit 255, and arrive with it.</summary>
    public const int RequiredTimeToLive = 255;

    /// <summary>IPV6_MULTICAST_ALL from linux/in6.h (Linux 4.20), which Tmds.LibC does not define.</summary>
    private const int Ipv6MulticastAll = 29;

    /// <summary>RFC 5798 5.1.1.2: the IPv4 multicast group, 224.0.0.18.</summary>
    public static readonly IPAddress MulticastGroupIPv4 = IPAddress.Parse("224.0.0.18");

    /// <summary>RFC 5798 5.1.2.2: the IPv6 multicast group, ff02::12.</summary>
    public static readonly IPAddress MulticastGroupIPv6 = IPAddress.Parse("ff02::12");

    private readonly Socket _socket;
    private readonly int _fd;

    private VrrpSocket(Socket socket, int fd, VrrpSocketOptions options)
    {
        _socket = socket;
        _fd = fd;
        Options = options;
        Source = PacketAddress.FromIPAddress(options.SourceAddress);
        MulticastGroup = options.Family == AddressFamily.InterNetwork ? MulticastGroupIPv4 : MulticastGroupIPv6;
    }

    public VrrpSocketOptions Options { get; }

    /// <summary>The address adverts leave from (the pseudo-header source for the VRRPv3 checksum).</summary>
    public PacketAddress Source { get; }

    /// <summary>224.0.0.18 or ff02::12, by family.</summary>
    public IPAddress MulticastGroup { get; }

    /// <summary>
    /// Opens the socket in the calling thread's network namespace (a socket stays in the namespace it was
    /// created in). Throws <see cref="PlatformException"/> naming the interface when a step fails.
    /// </summary>
    public static VrrpSocket Open(VrrpSocketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var v6 = options.Family switch
        {
            AddressFamily.InterNetwork => false,
            AddressFamily.InterNetworkV6 => true,
            _ => throw new ArgumentException("the source address must be IPv4 or IPv6", nameof(options)),
        };
        var fd = LibC.socket(v6 ? LibC.AF_INET6 : LibC.AF_INET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, IPProtocolVrrp);
        if (fd < 0)
        {
            throw PlatformException.FromLastError($"opening a raw {(v6 ? "IPv6" : "IPv4")} VRRP socket for {options.InterfaceName}");
        }

        var handle = new SafeSocketHandle(fd, ownsHandle: true);
        try
        {
            Configure(fd, options, v6);
            return new VrrpSocket(new Socket(handle), fd, options);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void Dispose() => _socket.Dispose();

    private static unsafe void Configure(int fd, VrrpSocketOptions options, bool v6)
    {
        var name = options.InterfaceName;
        var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* p = nameBytes)
        {
            Check(LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, p, nameBytes.Length), "binding to", name);
        }

        if (!v6)
        {
            SetInt(fd, LibC.IPPROTO_IP, LibC.IP_TTL, RequiredTimeToLive, name);
            SetInt(fd, LibC.IPPROTO_IP, LibC.IP_MULTICAST_TTL, RequiredTimeToLive, name);
            SetInt(fd, LibC.IPPROTO_IP, LibC.IP_MULTICAST_LOOP, 0, name);
            SetInt(fd, LibC.IPPROTO_IP, LibC.IP_PKTINFO, 1, name);
            // Only the groups this socket joins: by default Linux hands a raw socket every group any socket of the
            // host joined, so a unicast instance would hear 224.0.0.18 adverts another instance (or Keepalived) joined.
            SetInt(fd, LibC.IPPROTO_IP, LibC.IP_MULTICAST_ALL, 0, name);
            var request = new ip_mreqn { imr_ifindex = options.InterfaceIndex };
            Check(LibC.setsockopt(fd, LibC.IPPROTO_IP, LibC.IP_MULTICAST_IF, &request, sizeof(ip_mreqn)), "setting the multicast interface", name);
            if (options.JoinMulticastGroup)
            {
                MulticastGroupIPv4.TryWriteBytes(new Span<byte>(request.imr_multiaddr.s_addr, 4), out _);
                Check(LibC.setsockopt(fd, LibC.IPPROTO_IP, LibC.IP_ADD_MEMBERSHIP, &request, sizeof(ip_mreqn)), "joining 224.0.0.18 on", name);
            }
        }
        else
        {
            SetInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_UNICAST_HOPS, RequiredTimeToLive, name);
            SetInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_HOPS, RequiredTimeToLive, name);
            SetInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_LOOP, 0, name);
            SetInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_MULTICAST_IF, options.InterfaceIndex, name);
            SetInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_RECVPKTINFO, 1, name);
            SetInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_RECVHOPLIMIT, 1, name);
            // As IP_MULTICAST_ALL above; the option exists since Linux 4.20, so an older kernel keeps its default.
            var all = 0;
            if (LibC.setsockopt(fd, LibC.IPPROTO_IPV6, Ipv6MulticastAll, &all, sizeof(int)) != 0 && Marshal.GetLastPInvokeError() != LibC.ENOPROTOOPT)
            {
                throw PlatformException.FromLastError($"setting IPV6_MULTICAST_ALL for {name}");
            }

            if (options.JoinMulticastGroup)
            {
                var request = new ipv6_mreq { ipv6mr_interface = (uint)options.InterfaceIndex };
                MulticastGroupIPv6.TryWriteBytes(new Span<byte>(request.ipv6mr_multiaddr.s6_addr, 16), out _);
                Check(LibC.setsockopt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_ADD_MEMBERSHIP, &request, sizeof(ipv6_mreq)), "joining ff02::12 on", name);
            }
        }
    }

    private static unsafe void SetInt(int fd, int level, int option, int value, string interfaceName)
        => Check(LibC.setsockopt(fd, level, option, &value, sizeof(int)), $"setting socket option {level}/{option} for", interfaceName);

    private static void Check(int result, string what, string interfaceName)
    {
        if (result != 0)
        {
            throw PlatformException.FromLastError($"{what} {interfaceName}");
        }
    }
}
