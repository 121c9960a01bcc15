using System.Buffers.Binary;

namespace HaKube.Vrrpd.Protocol;

/// <summary>
/// A decoded VRRP advertisement: a view over the received payload, structurally valid (length,
/// version and type checked by <see cref="VrrpCodec.TryDecode"/>). Nothing is copied.
/// </summary>
internal readonly ref struct VrrpPacket
{
    internal VrrpPacket(ReadOnlySpan<byte> payload, int addressLength)
    {
        Payload = payload;
        AddressLength = addressLength;
    }

    /// <summary>The whole VRRP message.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>4 for IPv4, 16 for IPv6.</summary>
    public int AddressLength { get; }

    public bool IsIPv6 => AddressLength == 16;

    public VrrpVersion Version => (VrrpVersion)(Payload[0] >> 4);

    public int Type => Payload[0] & 0x0F;

    public byte VirtualRouterId => Payload[1];

    public byte Priority => Payload[2];

    /// <summary>Count IPvX Addrs (RFC 5798 5.2.5).</summary>
    public int AddressCount => Payload[3];

    /// <summary>v2 Auth Type; always None for v3, whose byte 4 holds Rsvd and the interval's high bits.</summary>
    public VrrpAuthType AuthType => Version == VrrpVersion.V2 ? (VrrpAuthType)Payload[4] : VrrpAuthType.None;

    /// <summary>The interval field as sent: centiseconds (v3, 12 bits) or seconds (v2, 8 bits).</summary>
    public int AdvertisementIntervalField => Version == VrrpVersion.V2
        ? Payload[5]
        : BinaryPrimitives.ReadUInt16BigEndian(Payload[4..]) & VrrpConstants.MaxAdvertIntervalCentiseconds;

    /// <summary>The advertisement interval in centiseconds, whichever the version.</summary>
    public int AdvertisementIntervalCentiseconds => Version == VrrpVersion.V2
        ? AdvertisementIntervalField * 100
        : AdvertisementIntervalField;

    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(Payload[6..]);

    /// <summary>The IPvX Address(es) field, in network order.</summary>
    public ReadOnlySpan<byte> AddressBytes => Payload.Slice(VrrpConstants.HeaderLength, AddressCount * AddressLength);

    /// <summary>v2 Authentication Data (8 bytes); empty for v3.</summary>
    public ReadOnlySpan<byte> AuthenticationData => Version == VrrpVersion.V2
        ? Payload.Slice(VrrpConstants.HeaderLength + (AddressCount * AddressLength), VrrpConstants.V2AuthenticationDataLength)
        : [];

    public VrrpAddress GetAddress(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, AddressCount);
        return VrrpAddress.Read(AddressBytes.Slice(index * AddressLength, AddressLength));
    }

    /// <summary>True when the address list holds <paramref name="address"/>.</summary>
    public bool ContainsAddress(VrrpAddress address)
    {
        if (address.Length != AddressLength)
        {
            return false;
        }

        var bytes = AddressBytes;
        for (var offset = 0; offset < bytes.Length; offset += AddressLength)
        {
            if (address.Equals(bytes.Slice(offset, AddressLength)))
            {
                return true;
            }
        }

        return false;
    }
}
