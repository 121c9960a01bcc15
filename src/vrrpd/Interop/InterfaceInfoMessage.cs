using System.Runtime.InteropServices;

namespace HaKube.Vrrpd.Interop;

/// <summary>struct ifinfomsg from linux/rtnetlink.h.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct InterfaceInfoMessage
{
    internal const int Size = 16;

    [FieldOffset(0)] internal byte Family;
    [FieldOffset(2)] internal ushort Type;
    [FieldOffset(4)] internal int Index;
    [FieldOffset(8)] internal uint Flags;
    [FieldOffset(12)] internal uint Change;
}
