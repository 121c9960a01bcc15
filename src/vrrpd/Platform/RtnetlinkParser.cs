using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using HaKube.Vrrpd.Interop;

namespace HaKube.Vrrpd.Platform;

/// <summary>Turns RTM_*ADDR, RTM_*LINK and NLMSG_ERROR payloads into values; no I/O.</summary>
internal static class RtnetlinkParser
{
    private const byte AfInet = 2;
    private const byte AfInet6 = 10;

    public static bool TryParseAddress(ReadOnlySpan<byte> payload, out InterfaceAddress? address)
    {
        address = null;
        if (payload.Length < InterfaceAddressMessage.Size)
        {
            return false;
        }

        var message = MemoryMarshal.Read<InterfaceAddressMessage>(payload);
        var length = message.Family switch { AfInet => 4, AfInet6 => 16, _ => 0 };
        if (length == 0)
        {
            return false;
        }

        scoped ReadOnlySpan<byte> local = default;
        scoped ReadOnlySpan<byte> prefixAddress = default;
        string? label = null;
        byte protocol = 0;
        uint flags = message.Flags;
        var attributes = NetlinkMessageReader.AttributesAfter(payload, InterfaceAddressMessage.Size);
        while (NetlinkMessageReader.TryReadAttribute(ref attributes, out var type, out var value))
        {
            switch (type)
            {
                case Rtnl.IfaLocal when value.Length == length:
                    local = value;
                    break;
                case Rtnl.IfaAddress when value.Length == length:
                    prefixAddress = value;
                    break;
                case Rtnl.IfaLabel:
                    label = NetlinkMessageReader.ReadString(value);
                    break;
                case Rtnl.IfaProto when value.Length >= 1:
                    protocol = value[0];
                    break;
                case Rtnl.IfaFlags when value.Length >= 4:
                    flags = MemoryMarshal.Read<uint>(value);
                    break;
                default:
                    break;
            }
        }

        // IFA_ADDRESS is the peer on point-to-point links; IFA_LOCAL, when present, is ours.
        var bytes = local.IsEmpty ? prefixAddress : local;
        if (bytes.IsEmpty)
        {
            return false;
        }

        address = new InterfaceAddress(message.Index, new IPAddress(bytes), message.PrefixLength)
        {
            Label = label,
            Protocol = protocol,
            Flags = flags,
            Scope = message.Scope,
        };
        return true;
    }

    public static bool TryParseLink(ReadOnlySpan<byte> payload, out LinkInfo? link)
    {
        link = null;
        if (payload.Length < InterfaceInfoMessage.Size)
        {
            return false;
        }

        var message = MemoryMarshal.Read<InterfaceInfoMessage>(payload);
        string? name = null;
        var state = LinkOperationalState.Unknown;
        var mac = PhysicalAddress.None;
        var attributes = NetlinkMessageReader.AttributesAfter(payload, InterfaceInfoMessage.Size);
        while (NetlinkMessageReader.TryReadAttribute(ref attributes, out var type, out var value))
        {
            switch (type)
            {
                case Rtnl.IflaIfName:
                    name = NetlinkMessageReader.ReadString(value);
                    break;
                case Rtnl.IflaOperState when value.Length >= 1:
                    state = (LinkOperationalState)value[0];
                    break;
                case Rtnl.IflaAddress:
                    mac = new PhysicalAddress(value.ToArray());
                    break;
                default:
                    break;
            }
        }

        if (name is null)
        {
            return false;
        }

        link = new LinkInfo(message.Index, name, message.Flags, state, mac);
        return true;
    }

    /// <summary>
    /// Reads an NLMSG_ERROR payload: the errno (0 for an ACK), the sequence it answers, and the kernel's
    /// extended-ack message when it sent one.
    /// </summary>
    public static int ParseError(ReadOnlySpan<byte> payload, ushort flags, out uint sequence, out string? message)
    {
        sequence = 0;
        message = null;
        if (payload.Length < 4 + NetlinkMessageHeader.Size)
        {
            return 0;
        }

        var error = -MemoryMarshal.Read<int>(payload);
        var request = MemoryMarshal.Read<NetlinkMessageHeader>(payload[4..]);
        sequence = request.Sequence;
        if ((flags & Rtnl.NlmFAckTlvs) != 0)
        {
            var echoed = (flags & Rtnl.NlmFCapped) != 0 ? NetlinkMessageHeader.Size : NetlinkMessageWriter.Align((int)request.Length);
            if (4 + echoed <= payload.Length)
            {
                var attributes = payload[(4 + echoed)..];
                while (NetlinkMessageReader.TryReadAttribute(ref attributes, out var type, out var value))
                {
                    if (type == Rtnl.NlmsgErrAttrMsg)
                    {
                        message = NetlinkMessageReader.ReadString(value);
                    }
                }
            }
        }

        return error;
    }
}
