using System.Runtime.InteropServices;

namespace HaKube.Installer.Interop;

internal static partial class LibC
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEuid();
}
