namespace HaKube.Vrrpd.Configuration;

/// <summary>A track script (vrrp_script): run every <see cref="Interval"/>; its exit status changes the priority.</summary>
internal sealed record TrackScriptOptions
{
    /// <summary>Name that instances reference in track_script.</summary>
    public string Name { get; init; } = "";

    /// <summary>Program and arguments, run without a shell (Keepalived splits the script line the same way).</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Seconds between runs (interval).</summary>
    public decimal Interval { get; init; } = 1;

    /// <summary>Seconds before a run counts as failed and its process group is killed; null: the interval.</summary>
    public decimal? Timeout { get; init; }

    /// <summary>Successes in a row before a failed script counts as good again.</summary>
    public int Rise { get; init; } = 1;

    /// <summary>Failures in a row before a good script counts as failed.</summary>
    public int Fall { get; init; } = 1;

    /// <summary>
    /// Priority change: positive is added while the script succeeds, negative subtracted while it fails,
    /// 0 puts the instance in fault while it fails. Keepalived's range: -253..253.
    /// </summary>
    public int Weight { get; init; }

    /// <summary>Invert the sense of <see cref="Weight"/> (weight N reverse).</summary>
    public bool WeightReverse { get; init; }

    /// <summary>Start as failed rather than good (init_fail).</summary>
    public bool InitFail { get; init; }

    /// <summary>User to run as; null: the global script user.</summary>
    public string? User { get; init; }

    /// <summary>Group to run as; null: the user's primary group.</summary>
    public string? Group { get; init; }
}
