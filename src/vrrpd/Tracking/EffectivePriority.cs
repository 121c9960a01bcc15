namespace HaKube.Vrrpd.Tracking;

/// <summary>The priority an instance advertises, given its base priority and its trackers (pure).</summary>
internal static class EffectivePriority
{
    /// <summary>
    /// Keepalived's rule: a failed tracker of weight 0 puts the instance in fault (an up one, with reverse);
    /// otherwise each tracker adds its weight when up (weight &gt; 0) or when down (weight &lt; 0), negated with
    /// reverse, or its own adjustment, and the sum is clamped to 1..254. An address owner (base 255) is never adjusted.
    /// </summary>
    /// <returns>The priority to advertise, or null when the instance is in fault; <paramref name="faultedBy"/> names the trackers that fault it.</returns>
    public static int? Compute(int basePriority, IEnumerable<TrackerStatus> trackers, out IReadOnlyList<string> faultedBy)
    {
        ArgumentNullException.ThrowIfNull(trackers);
        var faults = new List<string>();
        var sum = 0;
        foreach (var t in trackers)
        {
            if (t.Adjustment is { } adjustment)
            {
                sum += adjustment;
            }
            else if (t.Weight == 0)
            {
                if (t.IsUp == t.WeightReverse)
                {
                    faults.Add(t.Name);
                }
            }
            else if (t.Weight > 0 ? t.IsUp : !t.IsUp)
            {
                sum += t.WeightReverse ? -t.Weight : t.Weight;
            }
        }

        faultedBy = faults;
        if (faults.Count > 0)
        {
            return null;
        }

        return basePriority == 255 ? 255 : Math.Clamp(basePriority + sum, 1, 254);
    }
}
