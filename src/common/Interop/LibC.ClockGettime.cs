using System.Runtime.InteropServices;

namespace HaKube.Common.Interop;

internal static partial class LibC
{
    internal const int CLOCK_MONOTONIC = 1;

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int clock_gettime(int clockId, out Timespec time);
}
