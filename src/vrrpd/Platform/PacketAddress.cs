using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace HaKube.Vrrpd.Platform;

/// <summary>
/// An IPv4 or IPv6 address held by value, so the receive path reports sources and destinations without
/// allocating an <see cref="IPAddress"/> per packet. Network byte order, IPv4 in the low 4 bytes' place.
/// </summary>
internal readonly struct PacketAddress : IEquatable<PacketAddress>
{
    private readonly UInt128 _value;

    private PacketAddress(AddressFamily family, UInt128 value)
    {
        Family = family;
        _value = value;
    }

    /// <summary>InterNetwork, InterNetworkV6, or Unspecified for the default value.</summary>
    public AddressFamily Family { get; }

    /// <summary>4 for IPv4, 16 for IPv6, 0 for the default value.</summary>
    public int Length => Family switch
    {
        AddressFamily.InterNetwork => 4,
        AddressFamily.InterNetworkV6 => 16,
        _ => 0,
    };

    /// <summary>Reads 4 (IPv4) or 16 (IPv6) bytes in network order.</summary>
    public static PacketAddress FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => new PacketAddress(AddressFamily.InterNetwork, BinaryPrimitives.ReadUInt32BigEndian(bytes)),
        16 => new PacketAddress(AddressFamily.InterNetworkV6, BinaryPrimitives.ReadUInt128BigEndian(bytes)),
        _ => throw new ArgumentException("an address is 4 or 16 bytes long", nameof(bytes)),
    };

    public static PacketAddress FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return FromBytes(bytes[..written]);
    }

    /// <summary>Writes the address in network order; returns the number of bytes written (4 or 16).</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (Family == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_value);
            return 4;
        }

        if (Family == AddressFamily.InterNetworkV6)
        {
            BinaryPrimitives.WriteUInt128BigEndian(destination, _value);
            return 16;
        }

        return 0;
    }

    /// <summary>An <see cref="IPAddress"/> for logs and configuration comparisons (allocates).</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = WriteTo(bytes);
        return length == 0 ? IPAddress.None : new IPAddress(bytes[..length]);
    }

    /// <summary>True when <paramref name="address"/> is the same address (no allocation).</summary>
    public bool Matches(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out var written) && written == Length && Equals(FromBytes(bytes[..written]));
    }

    public bool Equals(PacketAddress other) => Family == other.Family && _value == other._value;

    public override bool Equals(object? obj) => obj is PacketAddress other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Family, _value);

    public override string ToString() => Family == AddressFamily.Unspecified ? "(none)" : ToIPAddress().ToString();

    public static bool operator ==(PacketAddress left, PacketAddress right) => left.Equals(right);

    public static bool operator !=(PacketAddress left, PacketAddress right) => !left.Equals(right);
}
