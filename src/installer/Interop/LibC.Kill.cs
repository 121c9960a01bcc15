using System.Runtime.InteropServices;

namespace HaKube.Installer.Interop;

internal static partial class LibC
{
    internal const int SigKill = 9;
    internal const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
