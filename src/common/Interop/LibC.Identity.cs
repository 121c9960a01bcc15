using System.Runtime.InteropServices;

namespace HaKube.Common.Interop;

internal static partial class LibC
{
    // geteuid(2): never fails.
    [LibraryImport("libc")]
    internal static partial uint geteuid();
}
