namespace HaKube.Vrrpd.Configuration;

/// <summary>A track script (vrrp_script): run every <see cref="Interval"/>; its exit status changes the priority.</summary>
/// <param name="Name">Name that instances reference in track_script.</param>
/// <param name="Command">Program and arguments, run without a shell (Keepalived splits the script line the same way).</param>
/// <param name="Interval">Seconds between runs (interval).</param>
/// <param name="Timeout">Seconds before a run counts as failed and its process group is killed; null: the interval.</param>
/// <param name="Rise">Successes in a row before a failed script counts as good again.</param>
/// <param name="Fall">Failures in a row before a good script counts as failed.</param>
/// <param name="Weight">Priority change: positive is added while the script succeeds, negative subtracted while it fails, 0 puts the instance in fault while it fails. Keepalived's range: -253..253.</param>
/// <param name="WeightReverse">Invert the sense of <see cref="Weight"/> (weight N reverse).</param>
/// <param name="InitFail">Start as failed rather than good (init_fail).</param>
/// <param name="User">User to run as; null: the global script user.</param>
/// <param name="Group">Group to run as; null: the user's primary group.</param>
internal sealed record TrackScriptOptions(
    string Name = "",
    IReadOnlyList<string>? Command = null,
    decimal Interval = 1,
    decimal? Timeout = null,
    int Rise = 1,
    int Fall = 1,
    int Weight = 0,
    bool WeightReverse = false,
    bool InitFail = false,
    string? User = null,
    string? Group = null)
{
    /// <summary>Program and arguments, run without a shell (Keepalived splits the script line the same way).</summary>
    public IReadOnlyList<string> Command { get; init; } = Command ?? [];
}
