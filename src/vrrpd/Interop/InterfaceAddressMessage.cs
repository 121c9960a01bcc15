using System.Runtime.InteropServices;

namespace HaKube.Vrrpd.Interop;

/// <summary>struct ifaddrmsg from linux/if_addr.h.</summary>
[StructLayout(LayoutKind.Explicit, Size = 8)]
internal struct InterfaceAddressMessage
{
    internal const int Size = 8;

    [FieldOffset(0)] internal byte Family;
    [FieldOffset(1)] internal byte PrefixLength;
    [FieldOffset(2)] internal byte Flags;
    [FieldOffset(3)] internal byte Scope;
    [FieldOffset(4)] internal int Index;
}
