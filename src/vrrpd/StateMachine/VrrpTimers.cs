using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.StateMachine;

/// <summary>The timer formulas of RFC 5798 6.1 (v3, centiseconds) and RFC 3768 6.1 (v2, seconds).</summary>
internal static class VrrpTimers
{
    public static TimeSpan AdvertisementInterval(int centiseconds) =>
        TimeSpan.FromTicks(centiseconds * VrrpConstants.TicksPerCentisecond);

    /// <summary>
    /// v3: ((256 - Priority) * Master_Adver_Interval) / 256 centiseconds (RFC 5798 6.1), kept to
    /// the 100 ns tick rather than rounded to a centisecond. v2: (256 - Priority) / 256 seconds
    /// (RFC 3768 6.1), independent of the interval.
    /// </summary>
    public static TimeSpan SkewTime(VrrpVersion version, byte priority, int masterAdverIntervalCentiseconds)
    {
        var weight = 256L - priority;
        return version == VrrpVersion.V2
            ? TimeSpan.FromTicks(weight * TimeSpan.TicksPerSecond / 256)
            : TimeSpan.FromTicks(weight * masterAdverIntervalCentiseconds * VrrpConstants.TicksPerCentisecond / 256);
    }

    /// <summary>(3 * Master_Adver_Interval) + Skew_Time (RFC 5798 6.1; RFC 3768 6.1 with Advertisement_Interval).</summary>
    public static TimeSpan MasterDownInterval(VrrpVersion version, byte priority, int masterAdverIntervalCentiseconds) =>
        (3 * AdvertisementInterval(masterAdverIntervalCentiseconds)) + SkewTime(version, priority, masterAdverIntervalCentiseconds);
}
