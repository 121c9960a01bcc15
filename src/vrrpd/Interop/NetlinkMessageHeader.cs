using System.Runtime.InteropServices;

namespace HaKube.Vrrpd.Interop;

/// <summary>struct nlmsghdr from linux/netlink.h; host byte order.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct NetlinkMessageHeader
{
    internal const int Size = 16;

    [FieldOffset(0)] internal uint Length;
    [FieldOffset(4)] internal ushort Type;
    [FieldOffset(6)] internal ushort Flags;
    [FieldOffset(8)] internal uint Sequence;
    [FieldOffset(12)] internal uint PortId;
}
