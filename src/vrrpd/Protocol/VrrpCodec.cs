using System.Buffers.Binary;
using System.Net.Sockets;

namespace HaKube.Vrrpd.Protocol;

/// <summary>
/// Encodes and decodes the VRRP message (the IP payload; the IP header is the socket's job).
/// VRRPv3 for IPv4 and IPv6 (RFC 5798 5.2), VRRPv2 for IPv4 (RFC 3768 5.3) with the simple
/// password of RFC 2338 5.3.6.2. Neither direction allocates.
/// </summary>
internal static class VrrpCodec
{
    /// <summary>
    /// Checks the structure, in this order: at least the 8-byte header, a version this family
    /// carries (2 or 3 on IPv4, 3 on IPv6), type Advertisement, and a length that matches Count
    /// IPvX Addrs exactly (plus v2's 8 bytes of authentication data).
    /// </summary>
    /// <returns><see cref="VrrpDropReason.None"/> and a view in <paramref name="packet"/>, or why not.</returns>
    public static VrrpDropReason TryDecode(ReadOnlySpan<byte> payload, AddressFamily family, out VrrpPacket packet)
    {
        packet = default;
        var addressLength = AddressLength(family);

        /* RFC 5798 7.1: the packet must hold the complete fixed header */
        if (payload.Length < VrrpConstants.HeaderLength)
        {
            return VrrpDropReason.TooShort;
        }

        /* RFC 5798 7.1 (version 3), RFC 3768 7.1 (version 2, IPv4 only) */
        var version = payload[0] >> 4;
        if (version != (int)VrrpVersion.V3 && (version != (int)VrrpVersion.V2 || addressLength != 4))
        {
            return VrrpDropReason.VersionMismatch;
        }

        /* RFC 5798 5.2.2: a packet of unknown type must be discarded */
        if ((payload[0] & 0x0F) != VrrpConstants.TypeAdvertisement)
        {
            return VrrpDropReason.UnknownType;
        }

        /* RFC 5798 7.1: the complete packet, fixed fields and IPvX address(es); like Keepalived, a longer one is refused too */
        if (payload.Length != EncodedLength((VrrpVersion)version, payload[3], addressLength))
        {
            return VrrpDropReason.LengthMismatch;
        }

        packet = new VrrpPacket(payload, addressLength);
        return VrrpDropReason.None;
    }

    /// <summary>Bytes an advertisement with <paramref name="addressCount"/> addresses takes.</summary>
    public static int EncodedLength(VrrpVersion version, int addressCount, int addressLength) =>
        VrrpConstants.HeaderLength + (addressCount * addressLength)
        + (version == VrrpVersion.V2 ? VrrpConstants.V2AuthenticationDataLength : 0);

    /// <summary>
    /// Writes an advertisement into <paramref name="destination"/>, checksum included, and returns
    /// its length. <paramref name="source"/> and <paramref name="destinationAddress"/> are the IP
    /// header's addresses, used by the pseudo-header and telling the family.
    /// Invalid fields are programming errors and throw.
    /// </summary>
    /// <param name="destination">Buffer for the VRRP message.</param>
    /// <param name="advertisement">The fixed fields.</param>
    /// <param name="addresses">The virtual addresses, all of the source's family, at most 255.</param>
    /// <param name="authenticationData">v2 only: up to 8 bytes (a simple password is zero-padded); ignored for v3.</param>
    /// <param name="checksumKind">Message only or with pseudo-header; v2 is always message only, v3 over IPv6 always with it.</param>
    /// <param name="source">IP source address.</param>
    /// <param name="destinationAddress">IP destination address (multicast group or unicast peer).</param>
    public static int Encode(
        Span<byte> destination,
        in VrrpAdvertisement advertisement,
        ReadOnlySpan<VrrpAddress> addresses,
        ReadOnlySpan<byte> authenticationData,
        VrrpChecksumKind checksumKind,
        VrrpAddress source,
        VrrpAddress destinationAddress)
    {
        var addressLength = AddressLength(source.AddressFamily);
        var version = advertisement.Version;
        Validate(advertisement, addresses, authenticationData, addressLength);

        var length = EncodedLength(version, addresses.Length, addressLength);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The advertisement needs {length} bytes, the buffer has {destination.Length}.", nameof(destination));
        }

        var message = destination[..length];
        message[0] = (byte)(((int)version << 4) | VrrpConstants.TypeAdvertisement);
        message[1] = advertisement.VirtualRouterId;
        message[2] = advertisement.Priority;
        message[3] = (byte)addresses.Length;
        if (version == VrrpVersion.V2)
        {
            message[4] = (byte)advertisement.AuthType;
            message[5] = (byte)(advertisement.AdvertisementIntervalCentiseconds / 100);
        }
        else
        {
            /* RFC 5798 5.2.6: Rsvd is zero */
            BinaryPrimitives.WriteUInt16BigEndian(message[4..], (ushort)advertisement.AdvertisementIntervalCentiseconds);
        }

        message[6] = 0;
        message[7] = 0;
        var offset = VrrpConstants.HeaderLength;
        foreach (var address in addresses)
        {
            offset += address.WriteTo(message[offset..]);
        }

        if (version == VrrpVersion.V2)
        {
            /* RFC 2338 5.3.10: the password, zero-padded to 8 bytes; RFC 3768: zeros */
            var authentication = message.Slice(offset, VrrpConstants.V2AuthenticationDataLength);
            authentication.Clear();
            if (advertisement.AuthType == VrrpAuthType.SimplePassword)
            {
                authenticationData.CopyTo(authentication);
            }
        }

        var kind = version == VrrpVersion.V2 ? VrrpChecksumKind.MessageOnly
            : addressLength == 16 ? VrrpChecksumKind.PseudoHeader
            : checksumKind;
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], VrrpChecksum.Compute(message, kind, source, destinationAddress));
        return length;
    }

    private static void Validate(in VrrpAdvertisement advertisement, ReadOnlySpan<VrrpAddress> addresses, ReadOnlySpan<byte> authenticationData, int addressLength)
    {
        var interval = advertisement.AdvertisementIntervalCentiseconds;
        switch (advertisement.Version)
        {
            case VrrpVersion.V2:
                if (addressLength != 4)
                {
                    throw new ArgumentException("VRRPv2 carries IPv4 only (RFC 3768).", nameof(advertisement));
                }

                if (interval < 0 || interval % 100 != 0 || interval / 100 > VrrpConstants.V2MaxAdvertIntervalSeconds)
                {
                    throw new ArgumentException($"A VRRPv2 interval is 0-255 whole seconds, not {interval} cs.", nameof(advertisement));
                }

                if (advertisement.AuthType == VrrpAuthType.IpAuthenticationHeader || authenticationData.Length > VrrpConstants.V2AuthenticationDataLength)
                {
                    throw new ArgumentException("VRRPv2 authentication is none or a password of at most 8 bytes.", nameof(advertisement));
                }

                break;
            case VrrpVersion.V3:
                if (interval is < 0 or > VrrpConstants.MaxAdvertIntervalCentiseconds)
                {
                    throw new ArgumentException($"A VRRPv3 interval is 0-4095 cs, not {interval}.", nameof(advertisement));
                }

                if (advertisement.AuthType != VrrpAuthType.None)
                {
                    throw new ArgumentException("VRRPv3 has no authentication (RFC 5798 9).", nameof(advertisement));
                }

                break;
            default:
                throw new ArgumentException($"Unknown VRRP version {advertisement.Version}.", nameof(advertisement));
        }

        if (addresses.Length > byte.MaxValue)
        {
            throw new ArgumentException("At most 255 addresses fit Count IPvX Addrs.", nameof(addresses));
        }

        foreach (var address in addresses)
        {
            if (address.Length != addressLength)
            {
                throw new ArgumentException($"Address {address} is not of the source address's family.", nameof(addresses));
            }
        }
    }

    private static int AddressLength(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => 4,
        AddressFamily.InterNetworkV6 => 16,
        _ => throw new ArgumentException($"VRRP runs over IPv4 or IPv6, not {family}.", nameof(family)),
    };
}
