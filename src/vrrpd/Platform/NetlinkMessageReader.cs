using System.Runtime.InteropServices;
using HaKube.Vrrpd.Interop;

namespace HaKube.Vrrpd.Platform;

/// <summary>Walks the messages of one netlink datagram and the attributes of one message, defensively.</summary>
internal static class NetlinkMessageReader
{
    /// <summary>Takes the next message off <paramref name="datagram"/>; false when none is left or it is malformed.</summary>
    public static bool TryReadMessage(ref ReadOnlySpan<byte> datagram, out NetlinkMessageHeader header, out ReadOnlySpan<byte> payload)
    {
        header = default;
        payload = default;
        if (datagram.Length < NetlinkMessageHeader.Size)
        {
            return false;
        }

        header = MemoryMarshal.Read<NetlinkMessageHeader>(datagram);
        if (header.Length < NetlinkMessageHeader.Size || header.Length > datagram.Length)
        {
            return false;
        }

        payload = datagram[NetlinkMessageHeader.Size..(int)header.Length];
        datagram = datagram[Math.Min(datagram.Length, NetlinkMessageWriter.Align((int)header.Length))..];
        return true;
    }

    /// <summary>Takes the next attribute off <paramref name="attributes"/>; false when none is left or it is malformed.</summary>
    public static bool TryReadAttribute(ref ReadOnlySpan<byte> attributes, out ushort type, out ReadOnlySpan<byte> value)
    {
        type = 0;
        value = default;
        if (attributes.Length < RouteAttribute.Size)
        {
            return false;
        }

        var header = MemoryMarshal.Read<RouteAttribute>(attributes);
        if (header.Length < RouteAttribute.Size || header.Length > attributes.Length)
        {
            return false;
        }

        // The top bits of the type are NLA_F_NESTED and NLA_F_NET_BYTEORDER.
        type = (ushort)(header.Type & 0x3fff);
        value = attributes[RouteAttribute.Size..header.Length];
        attributes = attributes[Math.Min(attributes.Length, NetlinkMessageWriter.Align(header.Length))..];
        return true;
    }

    /// <summary>The attributes after a family message of <paramref name="bodySize"/> bytes.</summary>
    public static ReadOnlySpan<byte> AttributesAfter(ReadOnlySpan<byte> payload, int bodySize)
        => payload.Length >= NetlinkMessageWriter.Align(bodySize) ? payload[NetlinkMessageWriter.Align(bodySize)..] : [];

    /// <summary>A NUL-terminated string attribute's text.</summary>
    public static string ReadString(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end >= 0 ? value[..end] : value);
    }
}
