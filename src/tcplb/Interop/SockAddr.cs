using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace HaKube.Tcplb.Interop;

/// <summary>Encodes and decodes struct sockaddr_in / sockaddr_in6 (netinet/in.h) in a byte span: family in host order, port in network order.</summary>
internal static class SockAddr
{
    /// <summary>sizeof(struct sockaddr_storage); large enough for any address accept4 returns.</summary>
    public const int StorageSize = 128;

    public const int AfInet = 2;
    public const int AfInet6 = 10;

    private const int In4Size = 16;
    private const int In6Size = 28;

    /// <summary>Writes <paramref name="endPoint"/> into <paramref name="destination"/> and returns the length to pass as socklen_t.</summary>
    public static int Write(IPEndPoint endPoint, Span<byte> destination)
    {
        if (endPoint.AddressFamily == AddressFamily.InterNetwork)
        {
            destination[..In4Size].Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(destination, AfInet);
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)endPoint.Port);
            endPoint.Address.TryWriteBytes(destination.Slice(4, 4), out _);
            return In4Size;
        }

        destination[..In6Size].Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(destination, AfInet6);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)endPoint.Port);
        endPoint.Address.TryWriteBytes(destination.Slice(8, 16), out _);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)endPoint.Address.ScopeId);
        return In6Size;
    }

    /// <summary>The socket address encoded as <see cref="Write"/> does, in a new array (for addresses cached once per server).</summary>
    public static byte[] Encode(IPEndPoint endPoint)
    {
        Span<byte> buffer = stackalloc byte[StorageSize];
        return buffer[..Write(endPoint, buffer)].ToArray();
    }

    /// <summary>Decodes a sockaddr_in or sockaddr_in6; null for any other family.</summary>
    public static IPEndPoint? Read(ReadOnlySpan<byte> source)
    {
        var family = BinaryPrimitives.ReadUInt16LittleEndian(source);
        var port = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        return family switch
        {
            AfInet => new IPEndPoint(new IPAddress(source.Slice(4, 4)), port),
            AfInet6 => new IPEndPoint(new IPAddress(source.Slice(8, 16), BinaryPrimitives.ReadUInt32LittleEndian(source[24..])), port),
            _ => null,
        };
    }
}
