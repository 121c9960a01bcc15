using System.Buffers.Binary;

namespace HaKube.Vrrpd.Protocol;

/// <summary>
/// The Internet checksum (RFC 1071) as VRRP uses it (RFC 5798 5.2.8, RFC 3768 5.3.8).
/// Each method returns the ones' complement of the folded sum over the bytes as given: with the
/// checksum field zeroed that is the value to write; over a received packet it is 0 when the
/// checksum is right.
/// </summary>
internal static class VrrpChecksum
{
    /// <summary>Over the VRRP message only (VRRPv2, or VRRPv3/IPv4 without pseudo-header).</summary>
    public static ushort Compute(ReadOnlySpan<byte> message) => Complement(Sum(message, 0));

    /// <summary>Over the IPv4 or IPv6 pseudo-header and the VRRP message (RFC 5798 5.2.8, RFC 8200 8.1).</summary>
    public static ushort Compute(ReadOnlySpan<byte> message, VrrpAddress source, VrrpAddress destination)
    {
        if (source.Length != destination.Length || source.Length == 0)
        {
            throw new ArgumentException("Source and destination must both be IPv4 or both IPv6.", nameof(destination));
        }

        // Both pseudo-headers carry the same words, only laid out differently: source, destination,
        // the upper-layer length (16 bits in IPv4, 32 in IPv6: the high half is zero) and the protocol.
        var pseudo = source.SumOfWords() + destination.SumOfWords() + (ulong)message.Length + VrrpConstants.IpProtocol;
        return Complement(Sum(message, pseudo));
    }

    /// <summary>Computes the checksum the way <paramref name="kind"/> says.</summary>
    public static ushort Compute(ReadOnlySpan<byte> message, VrrpChecksumKind kind, VrrpAddress source, VrrpAddress destination) => kind switch
    {
        VrrpChecksumKind.MessageOnly => Compute(message),
        VrrpChecksumKind.PseudoHeader => Compute(message, source, destination),
        VrrpChecksumKind.PseudoHeaderMulticastGroup => Compute(message, source, source.IsIPv6 ? VrrpConstants.Ipv6MulticastGroup : VrrpConstants.Ipv4MulticastGroup),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown checksum kind."),
    };

    private static ulong Sum(ReadOnlySpan<byte> data, ulong sum)
    {
        // 32-bit words summed into 64 bits cannot overflow for any IP payload; since 2^16 is 1
        // modulo 0xFFFF, folding this sum gives the same result as summing 16-bit words.
        while (data.Length >= 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(data);
            data = data[4..];
        }

        if (data.Length >= 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data);
            data = data[2..];
        }

        if (data.Length == 1)
        {
            sum += (ulong)data[0] << 8;
        }

        return sum;
    }

    private static ushort Complement(ulong sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
