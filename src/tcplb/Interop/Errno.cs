using System.Runtime.InteropServices;

namespace HaKube.Tcplb.Interop;

/// <summary>errno values the data plane branches on (asm-generic/errno-base.h, errno.h on x86-64/arm64), and their text.</summary>
internal static class Errno
{
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EINVAL = 22;
    public const int ENFILE = 23;
    public const int EMFILE = 24;
    public const int EPIPE = 32;
    public const int EPROTO = 71;
    public const int ENOBUFS = 105;
    public const int ECONNABORTED = 103;
    public const int ECONNRESET = 104;
    public const int ETIMEDOUT = 110;
    public const int ECONNREFUSED = 111;
    public const int EHOSTUNREACH = 113;
    public const int EINPROGRESS = 115;

    /// <summary>The C library's text for <paramref name="errno"/> and its number, e.g. "Address already in use (errno 98)".</summary>
    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
}
