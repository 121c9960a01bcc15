using System.Runtime.InteropServices;

namespace HaKube.Common.Interop;

/// <summary>struct timespec: time_t and long, both native-word sized on the 64-bit targets we ship.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public nint Seconds;
    public nint Nanoseconds;
}
