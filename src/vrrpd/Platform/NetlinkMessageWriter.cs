using System.Runtime.InteropServices;
using System.Text;
using HaKube.Vrrpd.Interop;

namespace HaKube.Vrrpd.Platform;

/// <summary>Builds one netlink request in a caller's buffer: header, family message, then attributes, each 4-byte aligned.</summary>
internal ref struct NetlinkMessageWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    public NetlinkMessageWriter(Span<byte> buffer, ushort type, ushort flags, uint sequence)
    {
        _buffer = buffer;
        var header = new NetlinkMessageHeader { Type = type, Flags = flags, Sequence = sequence };
        MemoryMarshal.Write(buffer, in header);
        _length = NetlinkMessageHeader.Size;
    }

    /// <summary>Netlink aligns every header and payload to 4 bytes (NLMSG_ALIGN, RTA_ALIGN).</summary>
    public static int Align(int length) => (length + 3) & ~3;

    public void Write<T>(in T body)
        where T : unmanaged
    {
        var size = Marshal.SizeOf<T>();
        MemoryMarshal.Write(_buffer[_length..], in body);
        _length += Align(size);
    }

    public void Attribute(ushort type, scoped ReadOnlySpan<byte> value)
    {
        var header = new RouteAttribute { Length = (ushort)(RouteAttribute.Size + value.Length), Type = type };
        MemoryMarshal.Write(_buffer[_length..], in header);
        value.CopyTo(_buffer[(_length + RouteAttribute.Size)..]);
        var end = _length + Align(RouteAttribute.Size + value.Length);
        _buffer[(_length + RouteAttribute.Size + value.Length)..end].Clear();
        _length = end;
    }

    public void Attribute(ushort type, byte value) => Attribute(type, [value]);

    public void Attribute(ushort type, uint value) => Attribute(type, MemoryMarshal.AsBytes(new ReadOnlySpan<uint>(in value)));

    /// <summary>A NUL-terminated string attribute (IFA_LABEL, IFLA_IFNAME).</summary>
    public void Attribute(ushort type, string value)
    {
        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length) + 1];
        var n = Encoding.UTF8.GetBytes(value, bytes);
        bytes[n] = 0;
        Attribute(type, bytes[..(n + 1)]);
    }

    /// <summary>Patches the total length into the header and returns the finished message.</summary>
    public readonly ReadOnlySpan<byte> Finish()
    {
        MemoryMarshal.Write(_buffer, (uint)_length);
        return _buffer[.._length];
    }
}
