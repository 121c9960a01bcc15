using System.Runtime.InteropServices;

namespace HaKube.Vrrpd.Platform;

/// <summary>A system call failed; the message names the operation, the interface and the address concerned.</summary>
internal sealed class PlatformException : IOException
{
    public PlatformException()
    {
    }

    public PlatformException(string message)
        : base(message)
    {
    }

    public PlatformException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal PlatformException(string what, int errno)
        : base($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})") => Errno = errno;

    /// <summary>The errno the kernel returned, or 0.</summary>
    public int Errno { get; }

    /// <summary>Builds the exception from the errno of the last P/Invoke.</summary>
    internal static PlatformException FromLastError(string what) => new(what, Marshal.GetLastPInvokeError());
}
