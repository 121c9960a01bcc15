using System.Runtime.InteropServices;

namespace HaKube.Installer.Interop;

internal static partial class LibC
{
    [LibraryImport("libc", EntryPoint = "getsid", SetLastError = true)]
    internal static partial int GetSid(int pid);
}
