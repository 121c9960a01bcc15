namespace HaKube.Tcplb.Checks;

/// <summary>
/// Keeps checks from firing together: the first checks are spread evenly over the shortest interval, as HAProxy's
/// start_checks does (check.c), and each later delay moves by up to ± a fraction, as HAProxy's <c>spread-checks</c>.
/// </summary>
internal static class CheckSpread
{
    /// <summary>HAProxy advises 2 to 5 % for <c>spread-checks</c>; tcplb always spreads by 5 %.</summary>
    public const double DefaultJitter = 0.05;

    /// <summary>Delay of the first check of the check at <paramref name="position"/> (0-based) of <paramref name="count"/>.</summary>
    public static TimeSpan FirstDelay(int position, int count, TimeSpan shortestInterval)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(count, position);
        return TimeSpan.FromTicks(shortestInterval.Ticks * position / count);
    }

    /// <summary><paramref name="delay"/> moved by (2 × <paramref name="sample"/> − 1) × <paramref name="jitter"/> of itself; sample in [0, 1).</summary>
    public static TimeSpan Jittered(TimeSpan delay, double jitter, double sample)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 0.5);
        return TimeSpan.FromTicks((long)(delay.Ticks * (1 + (((2 * sample) - 1) * jitter))));
    }
}
