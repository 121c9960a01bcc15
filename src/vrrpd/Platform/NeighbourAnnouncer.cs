using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Tmds.Linux;

namespace HaKube.Vrrpd.Platform;

/// <summary>
/// Sends gratuitous ARPs (IPv4) and unsolicited neighbour advertisements (IPv6) for virtual addresses out of
/// one interface through an AF_PACKET socket, so neighbours move the VIP to this node's MAC at once.
/// Frames are built with spans into a buffer owned by the announcer; sending never blocks.
/// </summary>
internal sealed class NeighbourAnnouncer : IDisposable
{
    private const ushort EtherTypeArp = 0x0806;
    private const ushort EtherTypeIPv6 = 0x86dd;
    private readonly Socket _socket;
    private readonly byte[] _mac;
    private readonly byte[] _frame = new byte[NeighbourAdvertisementFrame.Length];

    private NeighbourAnnouncer(Socket socket, string interfaceName, int interfaceIndex, byte[] mac)
    {
        _socket = socket;
        InterfaceName = interfaceName;
        InterfaceIndex = interfaceIndex;
        _mac = mac;
    }

    public string InterfaceName { get; }

    public int InterfaceIndex { get; }

    /// <summary>Opens the packet socket in the calling thread's network namespace, for <paramref name="link"/>.</summary>
    public static NeighbourAnnouncer Open(LinkInfo link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var mac = link.MacAddress.GetAddressBytes();
        if (mac.Length != 6)
        {
            throw new PlatformException($"interface {link.Name} has no Ethernet address ({link.MacAddress}); gratuitous ARP needs one");
        }

        // Protocol 0: this socket only sends, it never receives a copy of the traffic.
        var socket = new Socket(AddressFamily.Packet, SocketType.Raw, ProtocolType.Unspecified);
        return new NeighbourAnnouncer(socket, link.Name, link.Index, mac);
    }

    /// <summary>Sends one gratuitous ARP for <paramref name="address"/>.</summary>
    public SocketError SendGratuitousArp(IPAddress address, ArpOperation operation = ArpOperation.Request)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> ip = stackalloc byte[4];
        if (address.AddressFamily != AddressFamily.InterNetwork || !address.TryWriteBytes(ip, out _))
        {
            throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
        }

        var length = GratuitousArpFrame.Write(_frame, _mac, ip, operation);
        return SendFrame(_frame.AsSpan(0, length), EtherTypeArp);
    }

    /// <summary>Sends one unsolicited neighbour advertisement for <paramref name="address"/>.</summary>
    public SocketError SendNeighbourAdvertisement(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> ip = stackalloc byte[16];
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || !address.TryWriteBytes(ip, out _))
        {
            throw new ArgumentException($"{address} is not an IPv6 address", nameof(address));
        }

        var length = NeighbourAdvertisementFrame.Write(_frame, _mac, ip);
        return SendFrame(_frame.AsSpan(0, length), EtherTypeIPv6);
    }

    /// <summary>Announces <paramref name="address"/> with the frame its family calls for.</summary>
    public SocketError Announce(IPAddress address)
        => address?.AddressFamily == AddressFamily.InterNetworkV6 ? SendNeighbourAdvertisement(address) : SendGratuitousArp(address!);

    /// <summary>
    /// A burst: <paramref name="count"/> rounds, each announcing every address once, <paramref name="spacing"/>
    /// apart (RFC 5798 leaves the number to the implementation; Keepalived's default is 5 rounds).
    /// </summary>
    public async Task<AnnounceResult> AnnounceAsync(IReadOnlyList<IPAddress> addresses, int count, TimeSpan spacing, TimeProvider time, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new AnnounceResult(0, 0, SocketError.Success);
        for (var round = 0; round < count; round++)
        {
            if (round > 0 && spacing > TimeSpan.Zero)
            {
                await Task.Delay(spacing, time, ct);
            }

            foreach (var address in addresses)
            {
                var error = Announce(address);
                result = error == SocketError.Success
                    ? result with { Sent = result.Sent + 1 }
                    : result with { Failed = result.Failed + 1, LastError = error };
            }
        }

        return result;
    }

    public void Dispose() => _socket.Dispose();

    private unsafe SocketError SendFrame(ReadOnlySpan<byte> frame, ushort etherType)
    {
        var to = new sockaddr_ll
        {
            sll_family = (ushort)LibC.AF_PACKET,
            sll_protocol = (ushort)IPAddress.HostToNetworkOrder((short)etherType),
            sll_ifindex = InterfaceIndex,
            sll_halen = 6,
        };
        frame[..6].CopyTo(new Span<byte>(to.sll_addr, 8));
        long n;
        fixed (byte* data = frame)
        {
            n = LibC.sendto((int)_socket.Handle, data, frame.Length, LibC.MSG_DONTWAIT, (sockaddr*)&to, sizeof(sockaddr_ll));
        }

        return n >= 0 ? SocketError.Success : SendErrors.FromErrno(Marshal.GetLastPInvokeError());
    }
}
