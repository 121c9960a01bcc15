using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace HaKube.Vrrpd.Protocol;

/// <summary>
/// An IPv4 or IPv6 address held by value, so the receive path needs no <see cref="IPAddress"/>.
/// Ordering is by family, then as unsigned big-endian bytes: the comparison RFC 5798 6.4.3
/// asks for when two routers tie on priority.
/// </summary>
internal readonly struct VrrpAddress : IEquatable<VrrpAddress>, IComparable<VrrpAddress>
{
    private const int IPv4Length = 4;
    private const int IPv6Length = 16;

    // Bytes 0-7 of an IPv6 address; zero for IPv4.
    private readonly ulong _high;

    // Bytes 8-15 of an IPv6 address, or the IPv4 address in the low 32 bits.
    private readonly ulong _low;

    // 4, 16, or 0 for default(VrrpAddress).
    private readonly byte _length;

    private VrrpAddress(ulong high, ulong low, byte length)
    {
        _high = high;
        _low = low;
        _length = length;
    }

    /// <summary>Address length in bytes: 4, 16, or 0 for the default value.</summary>
    public int Length => _length;

    public bool IsIPv4 => _length == IPv4Length;

    public bool IsIPv6 => _length == IPv6Length;

    public AddressFamily AddressFamily => _length switch
    {
        IPv4Length => AddressFamily.InterNetwork,
        IPv6Length => AddressFamily.InterNetworkV6,
        _ => AddressFamily.Unspecified,
    };

    /// <summary>224.0.0.0/4 or ff00::/8.</summary>
    public bool IsMulticast => _length switch
    {
        IPv4Length => (_low >> 28) == 0xE,
        IPv6Length => (_high >> 56) == 0xFF,
        _ => false,
    };

    public static VrrpAddress FromIPv4(uint address) => new(0, address, IPv4Length);

    public static VrrpAddress FromIPv6(ulong high, ulong low) => new(high, low, IPv6Length);

    /// <summary>Reads 4 (IPv4) or 16 (IPv6) bytes in network order.</summary>
    public static VrrpAddress Read(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        IPv4Length => FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes)),
        IPv6Length => FromIPv6(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..])),
        _ => throw new ArgumentException($"An address is 4 or 16 bytes, not {bytes.Length}.", nameof(bytes)),
    };

    public static VrrpAddress FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[IPv6Length];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException("Address does not fit 16 bytes.", nameof(address));
        }

        return Read(bytes[..written]);
    }

    public static VrrpAddress Parse(string text) => FromIPAddress(IPAddress.Parse(text));

    /// <summary>Writes the address in network order; returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        switch (_length)
        {
            case IPv4Length:
                BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_low);
                break;
            case IPv6Length:
                BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
                BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
                break;
            default:
                throw new InvalidOperationException("The default VrrpAddress holds no address.");
        }

        return _length;
    }

    /// <summary>True when <paramref name="bytes"/> (network order) is this address.</summary>
    public bool Equals(ReadOnlySpan<byte> bytes) => bytes.Length == _length && _length != 0 && Equals(Read(bytes));

    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[IPv6Length];
        var written = WriteTo(bytes);
        return new IPAddress(bytes[..written]);
    }

    /// <summary>Ones'-complement partial sum of the address's 16-bit words, for pseudo-headers (RFC 1071).</summary>
    internal ulong SumOfWords() => SumOfWords(_high) + SumOfWords(_low);

    private static ulong SumOfWords(ulong value) =>
        (value >> 48) + ((value >> 32) & 0xFFFF) + ((value >> 16) & 0xFFFF) + (value & 0xFFFF);

    public bool Equals(VrrpAddress other) => _high == other._high && _low == other._low && _length == other._length;

    public override bool Equals(object? obj) => obj is VrrpAddress other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_high, _low, _length);

    public int CompareTo(VrrpAddress other)
    {
        var byFamily = _length.CompareTo(other._length);
        if (byFamily != 0)
        {
            return byFamily;
        }

        var byHigh = _high.CompareTo(other._high);
        return byHigh != 0 ? byHigh : _low.CompareTo(other._low);
    }

    public override string ToString() => _length == 0 ? "(none)" : ToIPAddress().ToString();

    public static bool operator ==(VrrpAddress left, VrrpAddress right) => left.Equals(right);

    public static bool operator !=(VrrpAddress left, VrrpAddress right) => !left.Equals(right);

    public static bool operator <(VrrpAddress left, VrrpAddress right) => left.CompareTo(right) < 0;

    public static bool operator <=(VrrpAddress left, VrrpAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >(VrrpAddress left, VrrpAddress right) => left.CompareTo(right) > 0;

    public static bool operator >=(VrrpAddress left, VrrpAddress right) => left.CompareTo(right) >= 0;
}
