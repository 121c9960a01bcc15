using System.Runtime.InteropServices;

namespace HaKube.Installer.Interop;

internal static partial class LibC
{
    /// <summary>PR_SET_CHILD_SUBREAPER from linux/prctl.h.</summary>
    internal const int PrSetChildSubreaper = 36;

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    internal static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
