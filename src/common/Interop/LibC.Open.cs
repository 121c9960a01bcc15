using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HaKube.Common.Interop;

internal static partial class LibC
{
    // asm-generic values, shared by x86_64 and aarch64.
    internal const int O_RDONLY = 0;
    internal const int O_RDWR = 2;
    internal const int O_CREAT = 0x40;
    internal const int O_CLOEXEC = 0x80000;

    internal const int ENOENT = 2;
    internal const int EACCES = 13;
    internal const int EWOULDBLOCK = 11;

    // Opened through libc rather than FileStream: .NET takes its own flock on FileStream handles, which would
    // fight the explicit lock a run directory holds.
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial SafeFileHandle open(string path, int flags, uint mode);
}
