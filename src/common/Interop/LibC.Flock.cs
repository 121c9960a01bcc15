using System.Runtime.InteropServices;

namespace HaKube.Common.Interop;

internal static partial class LibC
{
    internal const int LOCK_SH = 1;
    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;
    internal const int LOCK_UN = 8;

    // flock(2): advisory whole-file lock, released by the kernel when the descriptor closes (also on a crash).
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int flock(SafeHandle fd, int operation);
}
