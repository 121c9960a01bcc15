using System.Runtime.InteropServices;

namespace HaKube.Vrrpd.Interop;

/// <summary>pidfd_open(2) through syscall(2): glibc before 2.36 has no wrapper, and the number is the same on every architecture.</summary>
internal static partial class PidfdOpen
{
    /// <summary>__NR_pidfd_open (Linux 5.3; unified syscall table from 424 on).</summary>
    private const nint SysPidfdOpen = 434;

    /// <summary>Returns a pidfd for <paramref name="pid"/>, or -1 with errno set (ESRCH when it does not exist).</summary>
    internal static int Open(int pid) => (int)Syscall(SysPidfdOpen, pid, 0);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial nint Syscall(nint number, nint pid, nint flags);
}
