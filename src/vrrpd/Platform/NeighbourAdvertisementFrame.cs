using System.Buffers.Binary;

namespace HaKube.Vrrpd.Platform;

/// <summary>
/// An Ethernet frame carrying an unsolicited ICMPv6 neighbour advertisement for a virtual address (RFC 4861
/// 4.4, 7.2.6; RFC 5798 6.4.1 (c)): to all-nodes ff02::1, hop limit 255, Override set, Solicited clear, with a
/// target link-layer address option. The source is the address itself, as Linux sends its own.
/// </summary>
internal static class NeighbourAdvertisementFrame
{
    /// <summary>Ethernet 14 + IPv6 40 + ICMPv6 NA 24 + option 8.</summary>
    public const int Length = 86;

    private const int IcmpLength = 32;
    private const ushort EtherTypeIPv6 = 0x86dd;
    private const byte NextHeaderIcmpV6 = 58;
    private const byte TypeNeighbourAdvertisement = 136;
    private const uint FlagOverride = 0x2000_0000;
    private const byte OptionTargetLinkLayerAddress = 2;

    /// <summary>Writes the frame and returns its length.</summary>
    public static int Write(Span<byte> frame, ReadOnlySpan<byte> mac, ReadOnlySpan<byte> address)
    {
        if (mac.Length != 6 || address.Length != 16)
        {
            throw new ArgumentException("a neighbour advertisement needs a 6-byte MAC and a 16-byte IPv6 address");
        }

        frame = frame[..Length];
        frame.Clear();
        // 33:33 + the low 32 bits of ff02::1 (RFC 2464 7).
        ReadOnlySpan<byte> allNodesMac = [0x33, 0x33, 0x00, 0x00, 0x00, 0x01];
        allNodesMac.CopyTo(frame);
        mac.CopyTo(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], EtherTypeIPv6);

        var ip = frame[14..54];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], IcmpLength);
        ip[6] = NextHeaderIcmpV6;
        ip[7] = 255;
        address.CopyTo(ip[8..]);
        ReadOnlySpan<byte> allNodes = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01];
        allNodes.CopyTo(ip[24..]);

        var icmp = frame[54..];
        icmp[0] = TypeNeighbourAdvertisement;
        BinaryPrimitives.WriteUInt32BigEndian(icmp[4..], FlagOverride);
        address.CopyTo(icmp[8..]);
        icmp[24] = OptionTargetLinkLayerAddress;
        icmp[25] = 1; // in units of 8 bytes
        mac.CopyTo(icmp[26..]);

        // RFC 8200 8.1 pseudo-header: source, destination, upper-layer length, next header.
        var sum = InternetChecksum.Add(0, ip[8..40]);
        sum += IcmpLength + NextHeaderIcmpV6;
        sum = InternetChecksum.Add(sum, icmp);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Finish(sum));
        return Length;
    }
}
