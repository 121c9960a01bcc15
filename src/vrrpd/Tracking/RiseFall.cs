namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Rise/fall debouncing of a tracker, as Keepalived's vrrp_script: a healthy tracker turns failed after
/// <c>fall</c> consecutive failures, a failed one turns healthy after <c>rise</c> consecutive successes.
/// Pure value type: <see cref="Record"/> returns the next state.
/// </summary>
internal readonly record struct RiseFall(int Rise, int Fall, bool IsUp, int Streak)
{
    /// <summary>A tracker that starts healthy (Keepalived's default) or failed (its <c>init_fail</c>).</summary>
    public static RiseFall Start(int rise, int fall, bool initiallyUp = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rise, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fall, 1);
        return new RiseFall(rise, fall, initiallyUp, 0);
    }

    /// <summary>The state after one more result; <paramref name="changed"/> is true when IsUp flipped.</summary>
    public RiseFall Record(bool success, out bool changed)
    {
        changed = false;
        if (success == IsUp)
        {
            // A result that agrees with the state resets the opposite streak.
            return this with { Streak = 0 };
        }

        var streak = Streak + 1;
        if (streak >= (IsUp ? Fall : Rise))
        {
            changed = true;
            return this with { IsUp = !IsUp, Streak = 0 };
        }

        return this with { Streak = streak };
    }
}
