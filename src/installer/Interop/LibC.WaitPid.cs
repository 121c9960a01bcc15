using System.Runtime.InteropServices;

namespace HaKube.Installer.Interop;

internal static partial class LibC
{
    /// <summary>WNOHANG from sys/wait.h.</summary>
    internal const int WNoHang = 1;

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    internal static partial int WaitPid(int pid, out int status, int options);
}
