namespace HaKube.Vrrpd.Interop;

/// <summary>errno values from asm-generic/errno-base.h and errno.h that the adapters branch on (the same on every Linux architecture .NET runs on).</summary>
internal static class Errno
{
    internal const int ESRCH = 3;
    internal const int EINTR = 4;
    internal const int EAGAIN = 11;
    internal const int EEXIST = 17;
    internal const int EINVAL = 22;
    internal const int ENOBUFS = 105;
    internal const int EADDRNOTAVAIL = 99;
}
