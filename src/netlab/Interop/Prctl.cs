using System.Runtime.InteropServices;

namespace HaKube.NetLab.Interop;

internal static partial class Prctl
{
    /// <summary>PR_SET_CHILD_SUBREAPER from linux/prctl.h.</summary>
    internal const int PrSetChildSubreaper = 36;

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    internal static partial int Call(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
