using System.Runtime.InteropServices;

namespace HaKube.Vrrpd.Interop;

/// <summary>struct sockaddr_nl from linux/netlink.h.</summary>
[StructLayout(LayoutKind.Explicit, Size = 12)]
internal struct NetlinkSocketAddress
{
    internal const int Size = 12;

    [FieldOffset(0)] internal ushort Family;
    [FieldOffset(4)] internal uint PortId;
    [FieldOffset(8)] internal uint Groups;
}
