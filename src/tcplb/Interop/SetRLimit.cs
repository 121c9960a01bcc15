using System.Runtime.InteropServices;

namespace HaKube.Tcplb.Interop;

internal static partial class SetRLimit
{
    /// <summary>setrlimit(2); Tmds.LibC 0.5 has no binding for it.</summary>
    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    internal static partial int Call(int resource, in RLimit limit);
}
