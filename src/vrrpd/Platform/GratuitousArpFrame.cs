using System.Buffers.Binary;

namespace HaKube.Vrrpd.Platform;

/// <summary>
/// An Ethernet frame carrying a gratuitous ARP for a virtual address: broadcast, sender and target protocol
/// address both the VIP, sender hardware address the interface's MAC (RFC 5798 6.4.1 (b)/(c); RFC 5227 3).
/// </summary>
internal static class GratuitousArpFrame
{
    /// <summary>14 bytes of Ethernet header and 28 of ARP; the NIC pads to the 60-byte minimum.</summary>
    public const int Length = 42;

    private const ushort EtherTypeArp = 0x0806;
    private const ushort EtherTypeIPv4 = 0x0800;
    private const ushort HardwareEthernet = 1;

    /// <summary>Writes the frame and returns its length.</summary>
    public static int Write(Span<byte> frame, ReadOnlySpan<byte> mac, ReadOnlySpan<byte> address, ArpOperation operation)
    {
        if (mac.Length != 6 || address.Length != 4)
        {
            throw new ArgumentException("a gratuitous ARP needs a 6-byte MAC and a 4-byte IPv4 address");
        }

        frame = frame[..Length];
        frame[..6].Fill(0xff);
        mac.CopyTo(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], EtherTypeArp);
        var arp = frame[14..];
        BinaryPrimitives.WriteUInt16BigEndian(arp, HardwareEthernet);
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], EtherTypeIPv4);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], (ushort)operation);
        mac.CopyTo(arp[8..]);
        address.CopyTo(arp[14..]);
        // Target hardware address: broadcast for a request (as Keepalived sends it), our own MAC for a reply.
        if (operation == ArpOperation.Request)
        {
            arp[18..24].Fill(0xff);
        }
        else
        {
            mac.CopyTo(arp[18..]);
        }

        address.CopyTo(arp[24..]);
        return Length;
    }
}
