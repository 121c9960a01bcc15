using System.Runtime.InteropServices;

namespace HaKube.Tcplb.Interop;

internal static partial class InputQueued
{
    /// <summary>FIONREAD (SIOCINQ on a TCP socket) from asm-generic/ioctls.h.</summary>
    private const nuint FionRead = 0x541B;

    /// <summary>
    /// Bytes waiting in a socket's receive queue, through ioctl(FIONREAD): unlike a peeking recv it leaves the socket's
    /// pending error (SO_ERROR) in place. Tmds.LibC 0.5 has no ioctl binding. -1 when the call fails.
    /// </summary>
    internal static int Of(int fd) => Ioctl(fd, FionRead, out var count) == 0 ? count : -1;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, out int count);
}
