using System.Runtime.InteropServices;

namespace HaKube.Tcplb.Interop;

/// <summary>struct rlimit from sys/resource.h (64-bit rlim_t).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RLimit
{
    /// <summary>RLIMIT_NOFILE from asm-generic/resource.h.</summary>
    public const int NoFile = 7;

    public ulong Current;
    public ulong Maximum;
}
