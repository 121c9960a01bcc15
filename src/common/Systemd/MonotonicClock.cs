using System.Runtime.InteropServices;
using HaKube.Common.Interop;

namespace HaKube.Common.Systemd;

/// <summary>CLOCK_MONOTONIC in microseconds, the clock systemd compares MONOTONIC_USEC against.</summary>
internal static class MonotonicClock
{
    public static long NowMicroseconds()
    {
        if (LibC.clock_gettime(LibC.CLOCK_MONOTONIC, out var now) != 0)
        {
            throw new InvalidOperationException($"clock_gettime(CLOCK_MONOTONIC) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return (now.Seconds * 1_000_000L) + (now.Nanoseconds / 1_000);
    }
}
