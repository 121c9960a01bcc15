namespace HaKube.Tcplb.DataPlane;

/// <summary>A high-water mark several threads raise without a lock (HAProxy's smax).</summary>
internal static class Peak
{
    /// <summary>Sets <paramref name="location"/> to <paramref name="value"/> if that is higher, atomically.</summary>
    public static void Raise(ref long location, long value)
    {
        var max = Interlocked.Read(ref location);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref location, value, max);
            if (seen == max)
            {
                return;
            }

            max = seen;
        }
    }
}
