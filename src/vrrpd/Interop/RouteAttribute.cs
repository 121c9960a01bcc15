using System.Runtime.InteropServices;

namespace HaKube.Vrrpd.Interop;

/// <summary>struct rtattr from linux/rtnetlink.h: a type-length header, payload aligned to 4 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 4)]
internal struct RouteAttribute
{
    internal const int Size = 4;

    [FieldOffset(0)] internal ushort Length;
    [FieldOffset(2)] internal ushort Type;
}
