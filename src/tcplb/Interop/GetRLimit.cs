using System.Runtime.InteropServices;

namespace HaKube.Tcplb.Interop;

internal static partial class GetRLimit
{
    /// <summary>getrlimit(2); Tmds.LibC 0.5 has no binding for it.</summary>
    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    internal static partial int Call(int resource, out RLimit limit);
}
